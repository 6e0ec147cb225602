/**
 * 统一社会信用代码 (USCC), GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, Z, S, V).
 * 1: registration authority, 2: organization type, 3–8: administrative division code,
 * 9–17: organization code, 18: check character over the first 17.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem = 'length' | 'character' | 'division' | 'check';

/** The check character for the first 17 characters, or null if one of them is outside the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] as number);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c] ?? null;
}

export function checkUscc(input: string): { ok: true; value: string } | { ok: false; problem: UsccProblem } {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length' };
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return { ok: false, problem: 'character' };
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'division' };
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'check' };
  return { ok: true, value: code };
}

export const isValidUscc = (input: string): boolean => checkUscc(input).ok;

/** Completes a 17-character body with its check character (used by seeds and tests). */
export function completeUscc(first17: string): string {
  const c = usccCheckCharacter(first17);
  if (c === null || first17.length !== 17) throw new RangeError(`not a USCC body: ${first17}`);
  return first17 + c;
}
