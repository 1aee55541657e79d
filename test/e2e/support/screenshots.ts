/** Saves README screenshots of the console, light and dark. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from 'playwright-core';

const folder = fileURLToPath(new URL('../../../docs/screenshots', import.meta.url));

/** Takes `<name>-light.png` and `<name>-dark.png` of the page as it is now. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: join(folder, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
}
