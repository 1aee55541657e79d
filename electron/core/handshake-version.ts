/** Version of the bridge↔core handshake. Kept in its own file so the bridge loads no schema library. */
export const HANDSHAKE_VERSION = 2;
