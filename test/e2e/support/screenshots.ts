/**
 * Screenshots of the console, light and dark. Every test run takes them (so a screen that fails to render
 * fails the run); they replace the README's copies in docs/screenshots only with UPDATE_SCREENSHOTS=1, so
 * an ordinary run leaves the working tree clean.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';

const folder =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../../docs/screenshots', import.meta.url))
    : join(tmpdir(), 'airlock-screenshots');

/** Takes `<name>-light.png` and `<name>-dark.png` of the page as it is now. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: join(folder, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
}
