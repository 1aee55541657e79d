/**
 * "Install into Claude Desktop": adds the bridge entry for a profile to Claude Desktop's config file,
 * after copying the current file aside. A file that does not parse is left untouched (the operator may
 * be mid-edit); the write goes through a temporary file and a rename so a crash cannot truncate it.
 */
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { InstallResult } from '../../shared/contract/views';
import { isJsonObject, type JsonObject } from '../../shared/json';
import { bridgeEntry } from './client-snippets';

async function readConfig(path: string): Promise<{ config: JsonObject; existed: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, existed: false };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON; fix it or paste the snippet by hand. Nothing was changed.`);
  }
  if (!isJsonObject(parsed)) throw new Error(`${path} does not hold a JSON object. Nothing was changed.`);
  return { config: parsed, existed: true };
}

/** Adds (or replaces) `mcpServers[name]` in Claude Desktop's config, keeping a timestamped backup. */
export async function installIntoClaudeDesktop(
  configPath: string,
  name: string,
  now = Date.now(),
): Promise<InstallResult> {
  const { config, existed } = await readConfig(configPath);
  let backupPath: string | null = null;
  if (existed) {
    backupPath = `${configPath}.airlock-backup-${now}`;
    await copyFile(configPath, backupPath);
  } else {
    await mkdir(dirname(configPath), { recursive: true });
  }
  const servers = isJsonObject(config.mcpServers) ? config.mcpServers : {};
  const next = { ...config, mcpServers: { ...servers, [name]: bridgeEntry(name) } };
  const temp = `${configPath}.airlock-tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, configPath);
  return { configPath, backupPath };
}
