/**
 * The pure pieces of the modern era: which revisions are modern, reading a request's envelope
 * defensively, editing the declared capabilities without touching the input, and how a call that ended
 * in `input_required` or a task handle is summarised for history.
 */
import { describe, expect, it } from 'vitest';
import {
  declaresExtension,
  eraOf,
  isModernVersion,
  modernEnvelope,
  TASKS_EXTENSION,
  withClientCapabilities,
  withoutExtension,
} from '../../shared/mcp-era';
import { summariseResult } from '../../electron/proxy/tool-result';

describe('MCP eras', () => {
  it('tells revisions apart by date, and never calls garbage modern', () => {
    expect(isModernVersion('2026-07-28')).toBe(true);
    expect(isModernVersion('2027-01-01')).toBe(true);
    expect(isModernVersion('2025-11-25')).toBe(false);
    expect(isModernVersion('9999')).toBe(false);
    expect(isModernVersion('2026-07-28 ')).toBe(false);
    expect(eraOf('')).toBe('legacy');
    expect(eraOf('2026-07-28')).toBe('modern');
  });

  it('reads the envelope only from a modern request, with safe defaults', () => {
    expect(modernEnvelope(undefined)).toBeUndefined();
    expect(
      modernEnvelope({ _meta: { 'io.modelcontextprotocol/protocolVersion': '2025-11-25' } }),
    ).toBeUndefined();
    expect(modernEnvelope({ _meta: 'nope' })).toBeUndefined();
    expect(
      modernEnvelope({
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': ['not', 'an', 'object'],
        },
      }),
    ).toEqual({ protocolVersion: '2026-07-28', clientInfo: undefined, clientCapabilities: {} });
  });

  it('removes one extension and rewrites capabilities on a copy', () => {
    const capabilities = { elicitation: {}, extensions: { [TASKS_EXTENSION]: {}, 'x/other': { a: 1 } } };
    expect(declaresExtension(capabilities, TASKS_EXTENSION)).toBe(true);
    const without = withoutExtension(capabilities, TASKS_EXTENSION);
    expect(without).toEqual({ elicitation: {}, extensions: { 'x/other': { a: 1 } } });
    expect(withoutExtension({ extensions: { [TASKS_EXTENSION]: {} } }, TASKS_EXTENSION)).toEqual({});
    expect(declaresExtension(capabilities, TASKS_EXTENSION)).toBe(true);
    const params = { name: 'echo', _meta: { progressToken: 1 } };
    expect(withClientCapabilities(params, without)).toEqual({
      name: 'echo',
      _meta: { progressToken: 1, 'io.modelcontextprotocol/clientCapabilities': without },
    });
    expect(params._meta).toEqual({ progressToken: 1 });
  });

  it('summarises input_required and task results by what they ask or hold', () => {
    expect(
      summariseResult({
        resultType: 'input_required',
        inputRequests: {
          a: { method: 'elicitation/create', params: { message: 'Really reboot?' } },
          b: { method: 'roots/list' },
        },
      }),
    ).toMatchObject({ kind: 'result', isError: false, text: 'input required: Really reboot? | roots/list' });
    expect(summariseResult({ resultType: 'task', taskId: 't-1', status: 'working' })).toMatchObject({
      text: 'task t-1: working',
    });
  });
});
