import { TRADITIONAL_TO_SIMPLIFIED } from './fold-table.ts';

/** Whitespace, punctuation and symbols: what the search index treats as separators. */
const SEPARATORS = /[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}]+/gu;

/**
 * Search normal form: NFKC (full-width → half-width, ① → 1), lowercase, traditional → simplified
 * (see fold-table.ts for the coverage), every run of whitespace / punctuation / symbols folded to
 * one space, trimmed. Pure; the same in Node and workerd.
 */
export function normalizeText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKC').toLowerCase()) out += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  return out.replace(SEPARATORS, ' ').trim();
}
