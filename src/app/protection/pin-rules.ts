import type { PinKind } from './vault';

/** The shortest PIN a worker may set: six digits, or a passphrase at least as long. */
export const MIN_PIN_LENGTH = 6;

export type PinProblem = 'tooShort' | 'tooSimple' | 'notDigits';

/** What the worker types, as the key derivation sees it: the same text however the keyboard composed it. */
export function normalizePin(pin: string): string {
  return pin.normalize('NFKC').trim();
}

/** One character repeated, or a run such as 123456 or 987654: the first PINs anyone tries. */
function isTooSimple(pin: string): boolean {
  if (new Set(pin).size === 1) return true;
  if (!/^\d+$/.test(pin)) return false;
  const steps = new Set([...pin].slice(1).map((digit, i) => (Number(digit) - Number(pin[i]) + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** Why a new PIN cannot be used, or undefined when it can. `digitsOnly` is the PIN keypad (no passphrase). */
export function pinProblem(pin: string, digitsOnly: boolean): PinProblem | undefined {
  const normalized = normalizePin(pin);
  if (digitsOnly && !/^\d*$/.test(normalized)) return 'notDigits';
  if ([...normalized].length < MIN_PIN_LENGTH) return 'tooShort';
  if (isTooSimple(normalized)) return 'tooSimple';
  return undefined;
}

/** A new PIN as the worker chose it: the PIN itself, typed twice, and whether it is digits or a passphrase. */
export interface NewPin {
  kind: PinKind;
  pin: string;
  repeat: string;
}

/** Why a new PIN typed twice cannot be used, or undefined when it can. */
export function newPinProblem({ kind, pin, repeat }: NewPin): PinProblem | 'mismatch' | undefined {
  return pinProblem(pin, kind === 'digits') ?? (normalizePin(pin) !== normalizePin(repeat) ? 'mismatch' : undefined);
}
