/**
 * Reads a tree-sitter syntax tree into plain JavaScript nodes in one pass with a tree cursor.
 *
 * web-tree-sitter's `Node` objects cross into WebAssembly for every property (`type`, `isNamed`,
 * `children`, `text` …) and allocate a wrapper per child per access; walking a 1 KB command that way
 * costs as much as parsing it. The cursor reads each node once (type id, start and end index), and the
 * text is sliced from the source on demand. When `tree-sitter-runtime.ts` holds the module's cursor
 * exports, each cursor step is one call into WebAssembly (the public `TreeCursor` adds about 30
 * transfer-buffer copies per node, three times the cost of the steps themselves); otherwise the public
 * `TreeCursor` is used, with the same walk. Two shortcuts, both invisible to the walk: the children
 * of anonymous nodes (punctuation tokens) are not read, because the walk never looks inside them, and
 * field names are only read for the children of {@link FIELD_PARENTS}. Spans are always read from the
 * cursor, never derived from children: an ERROR node (or a node ending in a hidden token) can extend
 * past its visible children. `test/policy/syntax-tree.test.ts` checks the result against
 * web-tree-sitter's own `Node` API.
 */
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { cursorExports, setDirectTreeRead, type CursorExports } from './tree-sitter-runtime';

/** One node of the syntax tree, as the command walk needs it. */
export interface SyntaxNode {
  /** The grammar's node type (`ERROR` for error nodes, as web-tree-sitter reports it). */
  readonly type: string;
  readonly isNamed: boolean;
  /** The source text the node spans. */
  readonly text: string;
  /** The field name under its parent; only recorded for children of {@link FIELD_PARENTS}. */
  readonly field: string | undefined;
  /** Every child, named or anonymous; empty for anonymous nodes (see the module comment). */
  readonly children: readonly SyntaxNode[];
}

/** Parent node types whose children's field names are recorded (the walk asks for `name`/`body`). */
export const FIELD_PARENTS: ReadonlySet<string> = new Set(['variable_assignment', 'function_definition']);

/** Shared by every node without children (most are tokens); frozen, never written. */
const NO_CHILDREN: readonly Node[] = Object.freeze([]);

class Node implements SyntaxNode {
  /** Set once, exactly sized, when the walk leaves the node. */
  children: readonly Node[] = NO_CHILDREN;
  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
    readonly field: string | undefined,
  ) {}

  get text(): string {
    return this.source.slice(this.start, this.end);
  }
}

/** Covers fields, heredocs, substitutions, multi-byte text and an ERROR node. */
const PROBE =
  'f() { a=1 b[2]=$((3)) echo "é$(id)" | sh -c \'x\'; }\ncat <<EOF > /tmp/x\nbody 日本\nEOF\n`w` && ls ((';

/**
 * Compares the direct read with the public-API read on {@link PROBE}, once the parser has its language,
 * and turns the direct read off on any difference. Called by the analyser's loader.
 */
export function verifyDirectTreeRead(parse: (text: string) => Tree | null): void {
  const wasm = cursorExports();
  if (!wasm || directChecked) return;
  const tree = parse(PROBE);
  if (!tree) return setDirectTreeRead(false);
  try {
    const same = sameTree(readDirect(wasm, tree, PROBE), readWithCursor(tree, PROBE));
    if (same) directChecked = true;
    else setDirectTreeRead(false);
  } catch {
    setDirectTreeRead(false);
  } finally {
    tree.delete();
  }
}

/** The cursor operations the walk needs, all on the current node. */
interface Steps {
  typeId(): number;
  /** The field id under the parent (0: none). */
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

const namedByLanguage = new WeakMap<Language, boolean[]>();

/** Once per process: the direct read is compared with the public-API read before it is trusted. */
let directChecked = false;

/**
 * Copies `tree` (parsed from `source`) into {@link SyntaxNode}s. Iterative, so deeply nested input
 * cannot overflow the stack here. Indices are UTF-16 offsets, as web-tree-sitter reports them for
 * string input, so slicing `source` gives exactly what `Node.text` would.
 */
export function readSyntaxTree(tree: Tree, source: string): SyntaxNode {
  const wasm = cursorExports();
  if (!wasm) return readWithCursor(tree, source);
  if (directChecked) return readDirect(wasm, tree, source);
  // First use: a module that is not web-tree-sitter's live one (or a changed build) must not be trusted.
  let direct: SyntaxNode | undefined;
  try {
    direct = readDirect(wasm, tree, source);
  } catch {
    direct = undefined;
  }
  const reference = readWithCursor(tree, source);
  if (!direct || !sameTree(direct, reference)) {
    setDirectTreeRead(false);
    return reference;
  }
  directChecked = true;
  return direct;
}

/**
 * The walk with each cursor step one call into the module: the cursor lives in the module's transfer
 * buffer from `cursor_new` to `cursor_delete` (the cursor exports read it there, `goto_*` write it
 * back), so nothing else may use web-tree-sitter in between; nothing here does.
 */
function readDirect(wasm: CursorExports, tree: Tree, source: string): SyntaxNode {
  const t = (tree as unknown as { readonly 0: number })[0];
  wasm._ts_tree_root_node_wasm(t);
  wasm._ts_tree_cursor_new_wasm(t);
  try {
    return walk(
      {
        typeId: () => wasm._ts_tree_cursor_current_node_type_id_wasm(t),
        fieldId: () => wasm._ts_tree_cursor_current_field_id_wasm(t),
        startIndex: () => wasm._ts_tree_cursor_start_index_wasm(t),
        endIndex: () => wasm._ts_tree_cursor_end_index_wasm(t),
        gotoFirstChild: () => wasm._ts_tree_cursor_goto_first_child_wasm(t) !== 0,
        gotoNextSibling: () => wasm._ts_tree_cursor_goto_next_sibling_wasm(t) !== 0,
        gotoParent: () => wasm._ts_tree_cursor_goto_parent_wasm(t) !== 0,
      },
      tree.language,
      source,
    );
  } finally {
    wasm._ts_tree_cursor_delete_wasm(t);
  }
}

/** The same walk through web-tree-sitter's public `TreeCursor`. */
function readWithCursor(tree: Tree, source: string): SyntaxNode {
  const cursor: TreeCursor = tree.walk();
  try {
    return walk(
      {
        typeId: () => cursor.nodeTypeId,
        fieldId: () => cursor.currentFieldId,
        startIndex: () => cursor.startIndex,
        endIndex: () => cursor.endIndex,
        gotoFirstChild: () => cursor.gotoFirstChild(),
        gotoNextSibling: () => cursor.gotoNextSibling(),
        gotoParent: () => cursor.gotoParent(),
      },
      tree.language,
      source,
    );
  } finally {
    cursor.delete();
  }
}

/**
 * Pre-order walk from the cursor's node. Children are gathered on one shared stack and copied into an
 * exactly sized array when the walk leaves their parent (fewer and smaller arrays than pushing).
 */
function walk(steps: Steps, language: Language, source: string): Node {
  let named = namedByLanguage.get(language);
  if (!named) {
    named = [];
    namedByLanguage.set(language, named);
  }
  const types = language.types;
  const fields = language.fields;
  const read = (withField: boolean): Node => {
    const id = steps.typeId();
    let isNamed = named[id];
    if (isNamed === undefined) {
      isNamed = language.nodeTypeIsNamed(id);
      named[id] = isNamed;
    }
    let field: string | undefined;
    if (withField) {
      const fieldId = steps.fieldId();
      field = fieldId > 0 ? (fields[fieldId] ?? undefined) : undefined;
    }
    return new Node(types[id] || 'ERROR', isNamed, source, steps.startIndex(), steps.endIndex(), field);
  };
  const root = read(false);
  if (!root.isNamed || !steps.gotoFirstChild()) return root;
  /** The open parents, and where each one's children begin in `gathered`. */
  const parents: Node[] = [root];
  const firsts: number[] = [0];
  const gathered: Node[] = [];
  let withField = FIELD_PARENTS.has(root.type);
  for (;;) {
    const node = read(withField);
    gathered.push(node);
    if (node.isNamed && steps.gotoFirstChild()) {
      parents.push(node);
      firsts.push(gathered.length);
      withField = FIELD_PARENTS.has(node.type);
      continue;
    }
    while (!steps.gotoNextSibling()) {
      const parent = parents.pop();
      const first = firsts.pop() ?? 0;
      if (parent) parent.children = gathered.slice(first);
      gathered.length = first;
      const above = parents[parents.length - 1];
      if (!above) return root;
      withField = FIELD_PARENTS.has(above.type);
      steps.gotoParent();
    }
  }
}

/** Whether two reads describe the same tree (types, named-ness, spans, fields, children). */
function sameTree(a: SyntaxNode, b: SyntaxNode): boolean {
  const pending: [SyntaxNode, SyntaxNode][] = [[a, b]];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    const [x, y] = pair;
    if (x.type !== y.type || x.isNamed !== y.isNamed || x.text !== y.text || x.field !== y.field)
      return false;
    if (x.children.length !== y.children.length) return false;
    x.children.forEach((c, i) => {
      const d = y.children[i];
      if (d) pending.push([c, d]);
    });
  }
  return true;
}

/** The named children of a node. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.isNamed);
}

/** The first named child, if any. */
export function firstNamedChild(node: SyntaxNode): SyntaxNode | undefined {
  return node.children.find((c) => c.isNamed);
}

/** The first child under field `name`; the parent's type must be in {@link FIELD_PARENTS}. */
export function childForField(node: SyntaxNode, name: string): SyntaxNode | undefined {
  if (!FIELD_PARENTS.has(node.type)) throw new Error(`field names are not recorded under ${node.type}`);
  return node.children.find((c) => c.field === name);
}
