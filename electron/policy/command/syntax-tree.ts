/**
 * Reads a tree-sitter syntax tree into plain JavaScript nodes in one pass with a `TreeCursor`.
 *
 * web-tree-sitter's `Node` objects cross into WebAssembly for every property (`type`, `isNamed`,
 * `children`, `text` …) and allocate a wrapper per child per access; walking a 1 KB command that way
 * costs as much as parsing it. The cursor reads each node once (type id, start and end index), and the
 * text is sliced from the source on demand. Two shortcuts, both invisible to the walk: the children
 * of anonymous nodes (punctuation tokens) are not read, because the walk never looks inside them, and
 * field names are only read for the children of {@link FIELD_PARENTS}. Spans are always read from the
 * cursor, never derived from children: an ERROR node (or a node ending in a hidden token) can extend
 * past its visible children. `test/policy/syntax-tree.test.ts` checks the result against
 * web-tree-sitter's own `Node` API.
 */
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

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

class Node implements SyntaxNode {
  readonly children: Node[] = [];
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

const namedByLanguage = new WeakMap<Language, Map<number, boolean>>();

/**
 * Copies `tree` (parsed from `source`) into {@link SyntaxNode}s. Iterative, so deeply nested input
 * cannot overflow the stack here. Indices are UTF-16 offsets, as web-tree-sitter reports them for
 * string input, so slicing `source` gives exactly what `Node.text` would.
 */
export function readSyntaxTree(tree: Tree, source: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    const language = tree.language;
    let named = namedByLanguage.get(language);
    if (!named) {
      named = new Map();
      namedByLanguage.set(language, named);
    }
    const read = (withField: boolean): Node => {
      const id = cursor.nodeTypeId;
      let isNamed = named.get(id);
      if (isNamed === undefined) {
        isNamed = language.nodeTypeIsNamed(id);
        named.set(id, isNamed);
      }
      const field = withField ? fieldName(cursor, language) : undefined;
      return new Node(
        language.types[id] || 'ERROR',
        isNamed,
        source,
        cursor.startIndex,
        cursor.endIndex,
        field,
      );
    };
    const root = read(false);
    if (!root.isNamed || !cursor.gotoFirstChild()) return root;
    const stack: Node[] = [root];
    for (;;) {
      const parent = stack[stack.length - 1];
      if (!parent) return root;
      const node = read(FIELD_PARENTS.has(parent.type));
      parent.children.push(node);
      if (node.isNamed && cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        stack.pop();
        if (stack.length === 0) return root;
      }
    }
  } finally {
    cursor.delete();
  }
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

function fieldName(cursor: TreeCursor, language: Language): string | undefined {
  const id = cursor.currentFieldId;
  return id > 0 ? (language.fields[id] ?? undefined) : undefined;
}
