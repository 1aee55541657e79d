/**
 * Finds the places where bash evaluates text as code or as a variable name, which the command list
 * alone cannot show: arithmetic (`$(( ))`, `(( ))`, `for (( ))`, `[[ a -eq b ]]`, `${x:off}`, array
 * subscripts — where a variable holding `a[$(id)]` runs `id`), indirect and prompt expansion
 * (`${!x}`, `${x@P}`), assignments to variables that change what later commands run (in every form:
 * prefix, bare, `export`/`declare`/`local`/`readonly`/`typeset`, `for NAME in`, `${NAME:=…}`),
 * compound array assignments with computed keys, `$'…'` quoting (which dash reads differently), and
 * any node type this scan does not know. Each finding caps an allow at require_approval.
 *
 * Sound by construction: a context is accepted only when every operand in it is a literal integer;
 * anything else — a variable, a substitution, a word — is a finding.
 */
import type { AnalysisFlag } from '../../../shared/policy/fields';
import { isDangerousVariable } from './dangerous-variables';
import type { SyntaxNode } from './syntax-tree';

/** One evaluation context the policy cannot prove harmless. */
export interface Exposure {
  readonly flag: AnalysisFlag;
  readonly note: string;
}

/** Every named node type of tree-sitter-bash 0.25; an unknown type is itself a finding. */
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'program', 'comment', 'command', 'command_name', 'word', 'number', 'string', 'string_content',
  'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'simple_expansion', 'expansion',
  'variable_name', 'special_variable_name', 'subscript', 'arithmetic_expansion', 'command_substitution',
  'process_substitution', 'brace_expression', 'pipeline', 'list', 'subshell', 'compound_statement',
  'redirected_statement', 'file_redirect', 'heredoc_redirect', 'herestring_redirect', 'heredoc_start',
  'heredoc_body', 'heredoc_content', 'heredoc_end', 'file_descriptor', 'if_statement', 'elif_clause',
  'else_clause', 'for_statement', 'c_style_for_statement', 'while_statement', 'case_statement',
  'case_item', 'function_definition', 'declaration_command', 'unset_command', 'test_command',
  'negated_command', 'variable_assignment', 'variable_assignments', 'binary_expression',
  'unary_expression', 'ternary_expression', 'postfix_expression', 'parenthesized_expression',
  'test_operator', 'regex', 'extglob_pattern', 'array', 'do_group', 'ERROR',
]); // prettier-ignore

/** `[[ … ]]` operators whose operands bash evaluates as arithmetic. */
const ARITHMETIC_TESTS: ReadonlySet<string> = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
/** Nodes that may appear inside a literal arithmetic expression. */
const ARITHMETIC_SHAPES: ReadonlySet<string> = new Set([
  'number',
  'binary_expression',
  'unary_expression',
  'ternary_expression',
  'parenthesized_expression',
]);
const INTEGER = /^-?(0[xX][0-9a-fA-F]+|[0-9]+(#[0-9A-Za-z@_]+)?)$/;

/** Scans a whole syntax tree. */
export function findExposures(root: SyntaxNode): Exposure[] {
  const found = new Map<string, Exposure>();
  const add = (flag: AnalysisFlag, note: string): void => {
    if (!found.has(note) && found.size < 20) found.set(note, { flag, note });
  };
  const stack: SyntaxNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!node.isNamed) continue;
    inspect(node, add);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child) stack.push(child);
    }
  }
  return [...found.values()];
}

type Add = (flag: AnalysisFlag, note: string) => void;

function inspect(node: SyntaxNode, add: Add): void {
  if (!KNOWN_TYPES.has(node.type)) {
    add('unknown_construct', `the shell construct ${node.type} is not understood`);
    return;
  }
  switch (node.type) {
    case 'arithmetic_expansion':
      return arithmetic(node, node.text.slice(0, 40), add);
    case 'compound_statement':
      if (node.children[0]?.type === '((') arithmetic(node, node.text.slice(0, 40), add);
      return;
    case 'c_style_for_statement':
      return add('arithmetic', 'for (( … )) evaluates its variables as arithmetic');
    case 'subscript':
      return subscript(node, add);
    case 'expansion':
      return expansion(node, add);
    case 'binary_expression':
    case 'unary_expression':
      return testOperands(node, add);
    case 'variable_assignment':
      return assignment(node, add);
    case 'for_statement': {
      const variable = node.children.find((c) => c.type === 'variable_name');
      if (variable && isDangerousVariable(variable.text)) {
        add('eval', `the loop assigns ${variable.text}, which changes what later commands run`);
      }
      return;
    }
    case 'ansi_c_string':
      return add('shell_dialect', `${node.text.slice(0, 20)} quoting is read differently by dash`);
    default:
      return;
  }
}

/** Every operand of an arithmetic context must be a literal integer. */
function arithmetic(node: SyntaxNode, label: string, add: Add): void {
  const stack = node.children.filter((c) => c.isNamed);
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'number' && INTEGER.test(n.text)) continue;
    if (!ARITHMETIC_SHAPES.has(n.type)) {
      add('arithmetic', `${label} evaluates ${n.text.slice(0, 30)} as arithmetic, which can run code`);
      return;
    }
    for (const c of n.children) if (c.isNamed) stack.push(c);
  }
}

/** Indexed-array subscripts are arithmetic: only integers and `@`/`*` are literal. */
function subscript(node: SyntaxNode, add: Add): void {
  const named = node.children.filter((c) => c.isNamed);
  const index = named.slice(1);
  const literal =
    index.length === 1 &&
    index[0] !== undefined &&
    (INTEGER.test(index[0].text) || index[0].text === '@' || index[0].text === '*');
  if (!literal) {
    add('arithmetic', `the array subscript in ${node.text.slice(0, 30)} is evaluated as arithmetic`);
  }
}

function expansion(node: SyntaxNode, add: Add): void {
  const kids = node.children;
  const ops = kids.filter((c) => !c.isNamed).map((c) => c.type);
  // `${!name}` reads the variable named by name's value; `${!prefix*}` and `${!a[@]}` only list names.
  if (ops[1] === '!') {
    const last = ops[ops.length - 2];
    const listsKeys = kids.some((c) => c.type === 'subscript' && /\[[@*]\]$/.test(c.text));
    if (last !== '*' && last !== '@' && !listsKeys) {
      add('indirect_expansion', `${node.text.slice(0, 30)} expands the variable a value names`);
    }
  }
  for (let i = 0; i < ops.length - 1; i++) {
    if (ops[i] === '@' && ops[i + 1] === 'P') {
      add('prompt_expansion', `${node.text.slice(0, 30)} expands a value as a prompt, which runs $(…)`);
    }
  }
  let offset = false;
  for (const c of kids) {
    if (!c.isNamed) {
      offset = c.type === ':' ? true : c.type === '}' ? false : offset;
      if (c.type === '=' || c.type === ':=') {
        const name = kids.find((k) => k.type === 'variable_name')?.text ?? '';
        if (isDangerousVariable(name)) add('eval', `${node.text.slice(0, 30)} assigns ${name}`);
      }
      continue;
    }
    if (offset && !(c.type === 'number' && INTEGER.test(c.text))) {
      add('arithmetic', `the offset in ${node.text.slice(0, 30)} is evaluated as arithmetic`);
    }
  }
}

/** `[[ x -eq y ]]` evaluates both sides as arithmetic; `[[ -v name ]]` evaluates a subscript. */
function testOperands(node: SyntaxNode, add: Add): void {
  const operator = node.children.find((c) => c.type === 'test_operator')?.text;
  if (!operator) return;
  const operands = node.children.filter((c) => c.isNamed && c.type !== 'test_operator');
  if (ARITHMETIC_TESTS.has(operator)) {
    if (operands.some((o) => !(o.type === 'number' || o.type === 'word') || !INTEGER.test(o.text))) {
      add('arithmetic', `[[ … ${operator} … ]] evaluates its operands as arithmetic, which can run code`);
    }
  } else if (operator === '-v' || operator === '-R') {
    if (operands.some((o) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.text))) {
      add('arithmetic', `[[ ${operator} … ]] names a variable that is computed or subscripted`);
    }
  }
}

function assignment(node: SyntaxNode, add: Add): void {
  const name = node.children.find((c) => c.isNamed);
  if (name?.type === 'variable_name' && isDangerousVariable(name.text)) {
    add('eval', `assignment to ${name.text} changes what later commands run`);
  }
  const value = node.children.find((c) => c.type === 'array');
  if (!value) return;
  // `a=([k]=v)`: for an indexed array the key is arithmetic.
  for (const element of value.children) {
    const key = /^\[([^\]]*)\]=/.exec(element.text)?.[1];
    if (key !== undefined && !INTEGER.test(key)) {
      add('arithmetic', `the key [${key.slice(0, 20)}] of a compound assignment is evaluated as arithmetic`);
    }
  }
}
