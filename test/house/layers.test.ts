/**
 * The layer rules in eslint.config.js really fire: the project's own ESLint configuration lints an existing
 * file of each layer with one forbidden import added, and must report it (and nothing for the file as is).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/airlock-harness';

const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(file: string, extraImport: string): Promise<string[]> {
  const text = `${extraImport}\n${readFileSync(join(repoRoot, file), 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath: join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', { timeout: 60_000 }, () => {
  it.each([
    ['shared/json.ts', "import { join } from 'node:path';", /no Node built-ins/],
    ['shared/json.ts', "import '../electron/core/paths';", /shared\/ is the bottom layer/],
    ['shared/json.ts', "import 'electron';", /Only electron\/shell\/ may import Electron/],
    ['renderer/store/selection.ts', "import '../../electron/core/paths';", /only through the contract/],
    ['renderer/store/selection.ts', "import 'fs';", /no Node built-ins/],
    ['electron/core/paths.ts', "import 'electron';", /Only electron\/shell\/ may import Electron/],
    ['electron/bridge/json-line.ts', "import '@modelcontextprotocol/sdk/types.js';", /loads no SDK/],
    ['electron/bridge/json-line.ts', "import '../history/store';", /start-up budget/],
  ])('%s with %s is refused', async (file, line, message) => {
    const messages = await restrictedImports(file, line);
    expect(messages).toEqual([expect.stringMatching(message) as unknown]);
  });

  it('the same files as they are pass', async () => {
    for (const file of ['shared/json.ts', 'renderer/store/selection.ts', 'electron/bridge/json-line.ts']) {
      expect(await restrictedImports(file, '')).toEqual([]);
    }
  });
});
