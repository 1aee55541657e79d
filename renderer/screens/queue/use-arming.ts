/**
 * The arming delay on approve buttons: they stay disabled for a moment after the shown item changes or
 * the window regains focus, so a click or keystroke aimed at something else cannot approve a call that
 * just appeared (focus and keystroke hijack, Mozilla bug 162020).
 */
import { useEffect, useState } from 'react';

/** Default arming delay in milliseconds. */
export const ARMING_DELAY_MS = 700;

/** True once `key` (the item and digest shown) has been on screen, with the window focused, for `delayMs`. */
export function useArming(key: string | null, delayMs = ARMING_DELAY_MS): boolean {
  const [armedFor, setArmedFor] = useState<string | null>(null);
  useEffect(() => {
    if (key === null) return undefined;
    let timer = setTimeout(() => setArmedFor(key), delayMs);
    const rearm = () => {
      setArmedFor(null);
      clearTimeout(timer);
      timer = setTimeout(() => setArmedFor(key), delayMs);
    };
    window.addEventListener('focus', rearm);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', rearm);
    };
  }, [key, delayMs]);
  return key !== null && armedFor === key;
}
