/**
 * Homoglyph detection: which code points of a text look like ASCII but are not. A compact subset of
 * UTS #39 (confusables and mixed-script detection), tuned for commands, hosts and paths:
 * - compatibility forms that NFKC-normalise to ASCII (fullwidth `ａ`, mathematical `𝐚`) — always;
 * - look-alike punctuation (dashes, quotes, slashes) and Latin look-alikes (`ı`, `ɑ`) — always;
 * - letters of another script inside a word that also has Latin letters (`gооgle`) — mixed script;
 * - a word made only of look-alike letters (`сор`) when the text around it is Latin.
 * A word wholly in another script, in a text without Latin letters, is never flagged.
 */
import { codePointName } from './escape-text';

// Letters and punctuation with an ASCII twin. Keys are code points, values the ASCII they imitate.
const HOMOGLYPHS: ReadonlyMap<number, string> = new Map([
  // Cyrillic
  ...pairs('аaвBеeіiјjоoрpсcуyхxѕsһhԁdӏlԛqԝwүy'),
  ...pairs('АAВBЕEКKМMНHІIЈJОOРPСCТTХXУYЅSԚQԜWҮYӀI'),
  // Greek
  ...pairs('αaοoνvρpιiκkυuχxγyϲcϳj'),
  ...pairs('ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϹCϺM'),
  // Armenian, Cherokee
  ...pairs('օoոnսuհhզqցgԼLՏSᎪAᏴBᏟCᎬEᎻHᏆIᎫJᏦKᎷMᏃZᏞL'),
  // Latin letters that look like other ASCII letters
  ...pairs('ıiɑaɡgȷjʏyɩiɪIʀRʙBʜHʟLɴNɢG'),
  // Punctuation that changes a command's meaning while looking the same
  ...pairs("‐-‑-‒-–-—-―-−-‘'’'‚'‛'′'ʼ'ˈ'“\"”\"„\"″\"⁄/∕/⧸/∖\\⧵\\ǃ!ǀ|∣|։:׃:∶:꞉:‹<›>"),
]);

/** Reads `spec` as alternating look-alike / ASCII-twin characters. */
function pairs(spec: string): [number, string][] {
  const chars = Array.from(spec);
  const result: [number, string][] = [];
  for (let index = 0; index + 1 < chars.length; index += 2) {
    const from = chars[index];
    const to = chars[index + 1];
    if (from !== undefined && to !== undefined) result.push([from.codePointAt(0) ?? 0, to]);
  }
  return result;
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const LATIN = /^\p{Script=Latin}$/u;
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const ASCII_LETTER = /^[A-Za-z]$/;
const ASCII_WORD_CHAR = /^[A-Za-z0-9]$/;

function isAscii(char: string): boolean {
  return char.charCodeAt(0) < 0x80;
}

function isWordChar(char: string): boolean {
  // Most input is ASCII; the Unicode property test is only needed beyond it.
  return isAscii(char) ? ASCII_WORD_CHAR.test(char) : WORD_CHAR.test(char);
}
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  'Cyrillic',
  'Greek',
  'Armenian',
  'Cherokee',
  'Coptic',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Devanagari',
  'Thai',
].map((script) => [script, new RegExp(`^\\p{Script=${script}}$`, 'u')] as const);

/** A letter of a real script other than Latin (Common and Inherited letters are neutral). */
function isForeignLetter(char: string): boolean {
  return LETTER.test(char) && !LATIN.test(char) && !NEUTRAL.test(char);
}

function scriptName(char: string): string {
  return SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'non-Latin';
}

/** The ASCII a compatibility character normalises to, if that is all it is (fullwidth, math, ligatures). */
function compatibilityAscii(char: string): string | null {
  const normal = char.normalize('NFKC');
  return normal !== char && /^[\x21-\x7e]+$/.test(normal) ? normal : null;
}

/** Confusable code points by index into `chars`, with the label to show. */
export function findConfusables(chars: readonly string[]): ReadonlyMap<number, string> {
  const found = new Map<number, string>();
  let asciiLetters = 0;
  for (const char of chars) if (ASCII_LETTER.test(char)) asciiLetters += 1;
  let start = 0;
  while (start < chars.length) {
    if (!isWordChar(chars[start] ?? '')) {
      markAlways(chars, start, found);
      start += 1;
      continue;
    }
    let end = start;
    while (end < chars.length && isWordChar(chars[end] ?? '')) end += 1;
    markWord(chars, start, end, asciiLetters, found);
    start = end;
  }
  return found;
}

function markAlways(chars: readonly string[], index: number, found: Map<number, string>): boolean {
  const char = chars[index] ?? '';
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return false;
  const compat = compatibilityAscii(char);
  if (compat !== null) {
    found.set(index, `looks like "${compat}" (compatibility form ${codePointName(codePoint)})`);
    return true;
  }
  const twin = HOMOGLYPHS.get(codePoint);
  // Letters of another script deceive only in context; everything else with an ASCII twin always does.
  if (twin !== undefined && !isForeignLetter(char)) {
    found.set(index, `looks like "${twin}" (${codePointName(codePoint)})`);
    return true;
  }
  return false;
}

function markWord(
  chars: readonly string[],
  start: number,
  end: number,
  asciiLetters: number,
  found: Map<number, string>,
): void {
  const word = chars.slice(start, end);
  // An all-ASCII word cannot hold a look-alike.
  if (word.every(isAscii)) return;
  const hasLatin = word.some((char) => LETTER.test(char) && LATIN.test(char));
  const letters = word.filter((char) => LETTER.test(char));
  // A word spelled only with look-alikes (Cyrillic "сор") deceives only where Latin is expected.
  const wholeLookalike =
    !hasLatin &&
    asciiLetters > 0 &&
    letters.length > 0 &&
    letters.every((char) => HOMOGLYPHS.has(char.codePointAt(0) ?? 0));
  for (let index = start; index < end; index += 1) {
    if (markAlways(chars, index, found)) continue;
    const char = chars[index] ?? '';
    if (!isForeignLetter(char) || !(hasLatin || wholeLookalike)) continue;
    const codePoint = char.codePointAt(0) ?? 0;
    const twin = HOMOGLYPHS.get(codePoint);
    const script = scriptName(char);
    found.set(
      index,
      twin !== undefined
        ? `looks like "${twin}" (${script} ${codePointName(codePoint)})`
        : `${script} letter in a Latin word (${codePointName(codePoint)})`,
    );
  }
}
