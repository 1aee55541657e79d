/**
 * The policy JSON as a CodeMirror 6 editor, kept in sync with the draft both ways, with the core's
 * validation issues underlined at their line:column.
 *
 * Mounted in a shadow root on purpose: CodeMirror injects its styles at run time, and the console's
 * CSP allows no inline style elements (`style-src 'self'`). Inside a shadow root CodeMirror's style-mod
 * uses constructed style sheets (`adoptedStyleSheets`, CSSOM from our own bundled script) instead of
 * a `<style>` element, so the CSP stays as strict as it is, with no nonce to mint per page.
 */
import { setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

import type { ValidationIssue } from '../../../shared/contract/views';
import { policyEditorExtensions } from './code-editor-setup';
import { issueRanges } from './issue-ranges';

/** Marks the editor's own replacement of the text (from the form), which is not an operator edit. */
const fromOutside = Annotation.define<boolean>();

/** Props of {@link JsonCodeEditor}. */
export interface JsonCodeEditorProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** Issues for exactly `value` (empty while a check runs). */
  readonly issues: readonly ValidationIssue[];
  /** The accessible name of the text area. */
  readonly label: string;
}

/** The editor. */
export function JsonCodeEditor({ value, onChange, issues, label }: JsonCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  const attributes = useRef(new Compartment());
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: value,
        extensions: [
          policyEditorExtensions(),
          attributes.current.of(EditorView.contentAttributes.of({ 'aria-label': label })),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromOutside) === true))
              changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Mounted once; later values arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const current = editor.state.doc.toString();
    if (current !== value)
      editor.dispatch({
        changes: { from: 0, to: current.length, insert: value },
        annotations: fromOutside.of(true),
      });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || editor.state.doc.toString() !== value) return;
    const diagnostics = issueRanges(value, issues).map((r) => ({ ...r, severity: 'error' as const }));
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
    editor.dispatch({
      effects: attributes.current.reconfigure(
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-invalid': diagnostics.length > 0 ? 'true' : 'false',
        }),
      ),
    });
  }, [issues, value, label]);

  return <div ref={host} className="json-code-editor" data-testid="policy-json-editor" />;
}
