/**
 * The pages a browser sees when it cannot get in: a spent or unknown login link, an expired one, or no
 * login at all. Fixed text only (nothing from the request is echoed), so they need no escaping; each says
 * what to do next, so the operator never faces a blank page.
 */
import { assertNever } from '../../shared/json';

/** Why the console is not shown. */
export type AccessPageKind = 'link-used' | 'link-expired' | 'signed-out';

/** Status and HTML of an access page. */
export interface AccessPage {
  readonly status: number;
  readonly html: string;
}

const NEXT_STEP =
  'Run <code>airlock console-url</code> for a new login link (or <code>airlock open</code> to open one ' +
  'in the browser). Each link works once, within 10 minutes.';

function page(title: string, lead: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="color-scheme" content="light dark" />',
    '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />',
    `<title>${title} · Airlock</title>`,
    '</head>',
    '<body>',
    `<main><h1>${title}</h1><p>${lead}</p><p>${NEXT_STEP}</p></main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page for `kind`. */
export function accessPage(kind: AccessPageKind): AccessPage {
  switch (kind) {
    case 'link-used':
      return {
        status: 403,
        html: page(
          'This login link was already used',
          'Login links work once: this one has signed a browser in already, or it belongs to an ' +
            'Airlock core that has restarted since.',
        ),
      };
    case 'link-expired':
      return {
        status: 403,
        html: page('This login link has expired', 'It was not used within 10 minutes of being made.'),
      };
    case 'signed-out':
      return {
        status: 401,
        html: page(
          'Not signed in',
          'This browser has no live Airlock login: it was never signed in here, it logged out, or its ' +
            'login expired.',
        ),
      };
    default:
      return assertNever(kind);
  }
}
