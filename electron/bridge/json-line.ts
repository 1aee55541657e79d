/** Reading one relayed line as a JSON object, for the bridge's bookkeeping. Pure; imports nothing. */

/** The line as a JSON object, or undefined when it is not one. */
export function parseObjectLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
