/** `airlock history`: wired to the history module once it lands. */
export function historyCommand(_argv: string[]): Promise<number> {
  process.stderr.write('airlock history: not available in this build yet\n');
  return Promise.resolve(2);
}
