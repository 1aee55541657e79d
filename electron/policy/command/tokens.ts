/**
 * Turns tree-sitter-bash word nodes into argument tokens: the dequoted value when the word is fully
 * literal, otherwise the raw text marked non-literal (its runtime value depends on expansions).
 */
import type { ArgToken } from '../../../shared/policy/fields';
import { namedChildren, type SyntaxNode } from './syntax-tree';

interface Piece {
  readonly text: string;
  readonly literal: boolean;
  /** Text that bash still subjects to brace and pathname expansion. */
  readonly unquoted: string;
}

// Brace expansion turns one word into several (`r{m,}` runs `rm r`): its value is not what is written.
const BRACE_EXPANSION = /\{[^{}]*(,|\.\.)[^{}]*\}/;

/** The token for one argument (or command-name) node. */
export function tokenOf(node: SyntaxNode): ArgToken {
  const piece = pieceOf(node);
  const literal = piece.literal && !BRACE_EXPANSION.test(piece.unquoted);
  return { text: literal ? piece.text : node.text, literal };
}

/** True when a command-name token is a plain program name or path bash will not expand further. */
export function isPlainName(token: ArgToken): boolean {
  return token.literal && /^[A-Za-z0-9_./+:@%,=-]+$/.test(token.text) && !token.text.startsWith('=');
}

function pieceOf(node: SyntaxNode): Piece {
  switch (node.type) {
    case 'word':
    case 'number': {
      const text = unescapeUnquoted(node.text);
      return { text, literal: true, unquoted: node.text };
    }
    case 'raw_string':
      return { text: node.text.slice(1, -1), literal: true, unquoted: '' };
    case 'string':
      return stringPiece(node);
    case 'concatenation': {
      const parts = node.children.map(pieceOf);
      return {
        text: parts.map((p) => p.text).join(''),
        literal: parts.every((p) => p.literal),
        unquoted: parts.map((p) => p.unquoted).join(''),
      };
    }
    default:
      // Expansions, substitutions, $'…', $"…", arithmetic, brace and process substitution.
      return { text: node.text, literal: false, unquoted: node.text };
  }
}

function stringPiece(node: SyntaxNode): Piece {
  let text = '';
  for (const child of namedChildren(node)) {
    if (child.type !== 'string_content') return { text: node.text, literal: false, unquoted: '' };
    text += unescapeDoubleQuoted(child.text);
  }
  return { text, literal: true, unquoted: '' };
}

function unescapeUnquoted(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\\n/g, '').replace(/\\([\s\S])/g, '$1');
}

function unescapeDoubleQuoted(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
}
