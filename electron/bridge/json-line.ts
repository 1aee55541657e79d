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

const RESPONSE_PREFIX = '{"jsonrpc":"2.0","id":';
const INTEGER_ID = /^-?(?:0|[1-9]\d{0,14})$/;

/**
 * The id of a response line in the core's own layout (`{"jsonrpc":"2.0","id":…,"result"|"error":…`),
 * read without parsing the line; undefined whenever the line is laid out any other way (the caller then
 * parses it). Exact for `JSON.stringify` output, which is all the core writes: it has no duplicate keys,
 * so the leading `id` is the message's id and a message with a `result` or `error` right after has no
 * `method`.
 */
export function leadingResponseId(line: string): string | number | undefined {
  if (!line.startsWith(RESPONSE_PREFIX)) return undefined;
  const start = RESPONSE_PREFIX.length;
  let id: string | number;
  let end: number;
  if (line.charCodeAt(start) === 0x22) {
    end = line.indexOf('"', start + 1);
    if (end === -1) return undefined;
    id = line.slice(start + 1, end);
    // An escape would need decoding (and could hide the closing quote): leave it to the parser.
    if (id.includes('\\')) return undefined;
    end += 1;
  } else {
    end = line.indexOf(',', start);
    if (end === -1) return undefined;
    const digits = line.slice(start, end);
    if (!INTEGER_ID.test(digits)) return undefined;
    id = Number(digits);
  }
  return line.startsWith(',"result":', end) || line.startsWith(',"error":', end) ? id : undefined;
}
