/**
 * The console's Content Security Policy, one string for both front ends (Electron checklist item 7):
 * only bundled scripts and styles, no inline code, no remote loads, no framing, no form posts.
 */

/** Builds the CSP; `connectSrc` adds the WebSocket origin in browser mode ('self' covers it in Chromium,
 * the explicit entry covers browsers that do not map http 'self' to ws). */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
