/** `airlock policy`: wired to the policy module once it lands. */
export function policyCommand(_argv: string[]): Promise<number> {
  process.stderr.write('airlock policy: not available in this build yet\n');
  return Promise.resolve(2);
}
