/**
 * The web-tree-sitter runtime, initialised so that {@link readSyntaxTree} can call the WebAssembly
 * cursor functions directly.
 *
 * `Parser.init(moduleOptions)` makes the options object it is given the Emscripten module itself (its
 * exports become properties of it). Every public `TreeCursor` method copies the cursor's four words into
 * the module's transfer buffer, calls one export, and copies them back, each word through a DataView
 * call: about 30 such calls per node for a tree walk, more than the cursor movement costs in WASM. With
 * the module in hand, the cursor stays in the transfer buffer for the whole walk (every cursor export
 * reads it from there, the `goto_*` ones write it back) and each step is a single call.
 *
 * Only the first `Parser.init` creates the module: call {@link initTreeSitterRuntime} before anything
 * else does (the analyser's `loadBashParser`), or the fast path stays off and the public API is used.
 */
import { Parser } from 'web-tree-sitter';

/** The cursor exports of the web-tree-sitter 0.25 module used by the fast tree read. */
export interface CursorExports {
  /** Writes the root node of a tree into the transfer buffer. */
  _ts_tree_root_node_wasm(tree: number): void;
  /** Reads a node from the transfer buffer, writes a new cursor on it there. */
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  /** UTF-16 index (the module parses string input as UTF-16). */
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const EXPORTS: readonly (keyof CursorExports)[] = [
  '_ts_tree_root_node_wasm',
  '_ts_tree_cursor_new_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
];

let initialising: Promise<void> | undefined;
let exportsInUse: CursorExports | undefined;
let disabled = false;

/**
 * Initialises web-tree-sitter (like `Parser.init()`, which it replaces) and keeps its module's cursor
 * exports when this call created the module. Idempotent.
 */
export function initTreeSitterRuntime(): Promise<void> {
  initialising ??= (async () => {
    const module: Record<string, unknown> = {};
    await Parser.init(module);
    // Another caller's Parser.init ran first: the module is theirs, and `module` was left untouched.
    if (EXPORTS.every((name) => typeof module[name] === 'function')) {
      exportsInUse = module as unknown as CursorExports;
    }
  })();
  return initialising;
}

/** The cursor exports, when {@link initTreeSitterRuntime} created the module and the fast read is on. */
export function cursorExports(): CursorExports | undefined {
  return disabled ? undefined : exportsInUse;
}

/** Turns the direct-call tree read off or back on (tests and the benchmark compare both paths). */
export function setDirectTreeRead(on: boolean): void {
  disabled = !on;
}
