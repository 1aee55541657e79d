/**
 * The CodeMirror 6 set-up of the policy JSON editor: line numbers, folding, bracket matching, history,
 * JSON highlighting in the console's own colours (CSS variables, so light and dark both read), and a
 * lint gutter for the core's diagnostics. No DOM here: the component mounts it.
 */
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  codeFolding,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { minimalSetup } from 'codemirror';

// The default style's colours (dark on white) mapped to the console's palette; other tags keep the text colour.
const PALETTE: Readonly<Record<string, string>> = {
  '#a11': 'var(--cm-string)',
  '#164': 'var(--cm-number)',
  '#219': 'var(--cm-atom)',
  '#00c': 'var(--cm-property)',
  '#00f': 'var(--cm-property)',
  '#708': 'var(--cm-keyword)',
};

/** JSON highlighting in the console's colours, derived from CodeMirror's default tag set. */
const consoleHighlight = HighlightStyle.define(
  defaultHighlightStyle.specs.map(({ color, ...spec }) =>
    typeof color === 'string' && PALETTE[color] !== undefined ? { ...spec, color: PALETTE[color] } : spec,
  ),
);

const consoleTheme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    fontSize: '13px',
    height: '32rem',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--focus) 7%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--focus) 14%, transparent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--focus) 30%, transparent)',
  },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-lintRange-error': { backgroundColor: 'var(--bad-bg)' },
});

/** Every extension of the policy editor except the per-instance ones (change listener, attributes). */
export function policyEditorExtensions(): Extension[] {
  return [
    minimalSetup,
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    codeFolding(),
    foldGutter(),
    bracketMatching(),
    indentOnInput(),
    json(),
    syntaxHighlighting(consoleHighlight),
    lintGutter(),
    keymap.of(foldKeymap),
    consoleTheme,
  ];
}
