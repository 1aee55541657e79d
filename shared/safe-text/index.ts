/** Safe text: the one sanitiser for everything the operator is shown. */
export { sanitize, safeTextToString, SAFE_TEXT_FLAGS, SPACE_RUN_LIMIT } from './sanitize';
export { reviveSafeText } from './revive';
export type {
  EscapeCategory,
  EscapeSegment,
  SafeSegment,
  SafeText,
  SafeTextFlag,
  SanitizeOptions,
  TextSegment,
} from './types';
