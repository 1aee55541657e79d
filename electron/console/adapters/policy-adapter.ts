/**
 * The policy store and gate (electron/policy) as the console's `PolicyPort`. Every write is a new
 * version by the console operator; the simulator runs the real gate and releases what it reserved.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type {
  DraftSimulation,
  PolicyDocumentView,
  PolicyStatus,
  ValidationReport,
} from '../../../shared/contract/views';
import { isJsonObject, type JsonObject } from '../../../shared/json';
import { fieldsToJson } from '../../../shared/policy/fields';
import { diffLines } from '../../../shared/policy/diff-lines';
import {
  formatIssue,
  jsonPath,
  parsePolicyText,
  parsePolicyValue,
  type PolicyIssue,
} from '../../../shared/policy/parse';
import type { DecideInput, PolicyGate } from '../../policy/gate';
import { describeIdentification, profileLaunch, type SimulatedLaunch } from '../../policy/simulation';
import type { ProfileStore } from '../../profiles/profile-store';
import {
  POLICY_FILE,
  type PolicyStore,
  type PolicyStoreStatus,
  type SaveResult,
} from '../../policy/policy-store';
import type { PolicyPort } from '../policy-port';
import { suggestRule } from './suggest-rule';

function issuesText(issues: readonly PolicyIssue[]): string {
  return issues.slice(0, 5).map(formatIssue).join('; ');
}

function saved(result: SaveResult): void {
  if (!result.ok) throw new Error(`The policy was not saved: ${issuesText(result.errors)}`);
}

/**
 * The draft's decision for the same call in the same throw-away session: the gate evaluates the
 * compiled draft with the same fields and guards (shared/policy/evaluate.ts, not a second evaluator).
 */
function simulateDraft(
  gate: PolicyGate,
  draft: JsonObject,
  sessionId: string,
  input: DecideInput,
): DraftSimulation {
  const parsed = parsePolicyValue(draft);
  if (!parsed.ok)
    return { state: 'invalid', message: `The draft does not validate: ${issuesText(parsed.errors)}` };
  const decision = gate.decide({ ...input, sessionId, policy: parsed.compiled });
  gate.onResult(decision.callId, false);
  return { state: 'decided', action: decision.action, rule: decision.rule, reason: decision.reason };
}

/**
 * Adapts the policy store and gate; `author` is recorded on every version the console saves. The
 * simulator identifies a server it has not seen live from its saved profile's launch in `profiles`.
 */
export function policyPort(
  store: PolicyStore,
  gate: PolicyGate,
  dataDir: string,
  author: string,
  profiles: Pick<ProfileStore, 'get'>,
): PolicyPort {
  const meta = (note: string) => ({ author, note });
  const statusOf = (status: PolicyStoreStatus): PolicyStatus => {
    if (status.active === null) {
      return {
        state: 'unavailable',
        message: `No valid policy is active, so every call is denied: ${status.error ?? 'unknown error'}`,
      };
    }
    const pending = status.pending;
    return {
      state: 'active',
      version: status.active.id,
      savedAt: status.active.at,
      pendingDiskChange:
        pending === null
          ? null
          : {
              detectedAt: pending.detectedAt,
              path: join(dataDir, POLICY_FILE),
              error:
                pending.text === null
                  ? 'the file is missing'
                  : pending.result.ok
                    ? null
                    : issuesText(pending.result.errors),
            },
    };
  };
  const activeView = (): PolicyDocumentView => {
    const active = store.status().active;
    const entry = active === null ? undefined : store.get(active.id);
    if (active === null || entry === undefined) throw new Error('No valid policy is active.');
    const document: unknown = JSON.parse(entry.text);
    if (!isJsonObject(document)) throw new Error('The active policy is not a JSON object.');
    return { version: active.id, savedAt: active.at, document };
  };
  const saveDocument = (document: JsonObject, note: string): PolicyDocumentView => {
    saved(store.save(`${JSON.stringify(document, null, 2)}\n`, meta(note), 'console'));
    return activeView();
  };
  return {
    status: () => statusOf(store.status()),
    get: activeView,
    validate(text): ValidationReport {
      const result = parsePolicyText(text);
      if (result.ok) return { valid: true, issues: [] };
      return {
        valid: false,
        issues: result.errors.map((e) => ({
          path: e.path.length === 0 ? '' : jsonPath(e.path),
          message: e.message,
          ...(e.line !== undefined && { line: e.line, column: e.column ?? 1 }),
        })),
      };
    },
    save: (document, note) => saveDocument(document, note ?? 'Edited in the console'),
    simulate({ serverName, tool, arguments: args, draft }) {
      // A throw-away session: nothing it reserves, tracks or registers outlives the simulation.
      const sessionId = `simulator-${randomUUID()}`;
      // A server seen live is judged as live: no guess, and no warning when it is simply not an SSH server.
      const live = gate.hasSeenToolsList(serverName);
      const tried = [`no session of ${serverName} has listed its tools since Airlock started`];
      let launch: SimulatedLaunch | undefined;
      try {
        const profile = profiles.get(serverName);
        const spec = profile ? profileLaunch(profile, process.env) : null;
        if (spec) {
          const identity = gate.registerLaunch(serverName, spec, sessionId);
          launch = { source: `the saved profile "${serverName}"`, launch: spec, identity };
        } else
          tried.push(
            profile
              ? `the saved profile "${serverName}" is an HTTP upstream`
              : `no saved profile "${serverName}"`,
          );
      } catch (error) {
        tried.push(error instanceof Error ? error.message : String(error));
      }
      const decideInput = { sessionId, serverName, tool, arguments: args, guessFromToolName: !live };
      const decision = gate.decide(decideInput);
      gate.onResult(decision.callId, false);
      const draftResult =
        draft === undefined ? undefined : simulateDraft(gate, draft, sessionId, decideInput);
      gate.onSessionEnd(sessionId);
      const identification = describeIdentification(decision.fields, {
        serverName,
        tool,
        ...(launch && { launch }),
        tried,
      });
      const warning = live ? undefined : identification.warning;
      return {
        action: decision.action,
        rule: decision.rule,
        reason: decision.reason,
        fields: fieldsToJson(decision.fields),
        ...(warning !== undefined && { warning }),
        ...(draftResult !== undefined && { draft: draftResult }),
      };
    },
    versions: () =>
      store
        .list()
        .map((v) => ({ version: v.id, savedAt: v.at, note: v.note === '' ? null : v.note, source: v.source }))
        .sort((a, b) => b.version - a.version),
    diff: (from, to) => diffLines(store.diff(from, to)),
    rollback(version) {
      saved(store.rollback(version, meta(`Rolled back to version ${version}`)));
      return activeView();
    },
    import(text, format) {
      const result = parsePolicyText(text);
      if (!result.ok) throw new Error(`This policy does not validate: ${issuesText(result.errors)}`);
      if (format !== 'auto' && format !== result.format)
        throw new Error(`This file is an ${result.format} policy, not ${format}.`);
      const note = result.format === 'policylayer' ? 'Imported from a PolicyLayer policy.json' : 'Imported';
      return saveDocument(result.document, note);
    },
    export() {
      const view = activeView();
      return {
        fileName: `airlock-policy-v${view.version}.json`,
        mimeType: 'application/json',
        text: `${JSON.stringify(view.document, null, 2)}\n`,
      };
    },
    resolveDiskChange(accept) {
      const pending = store.status().pending;
      if (pending === null) return statusOf(store.status());
      if (accept) saved(store.confirmDiskChange(meta('Accepted the change made on disk'), pending.hash));
      // Keeping the active policy writes it back to the file, so the file and the policy in force agree again.
      else saveDocument(activeView().document, 'Kept the active policy over a change made on disk');
      return statusOf(store.status());
    },
    suggestRule,
    addRule(rule) {
      const current = activeView().document;
      const rules = Array.isArray(current.rules) ? current.rules : [];
      saveDocument(
        { ...current, rules: [...rules, rule] },
        `Always allow rule ${typeof rule.id === 'string' ? rule.id : ''} from the queue`,
      );
    },
    subscribe: (listener) => store.watch((status) => listener(statusOf(status))),
  };
}
