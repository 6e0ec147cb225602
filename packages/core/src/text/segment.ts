import { normalizeText } from './normalize.ts';

let segmenter: Intl.Segmenter | undefined;

/**
 * Word tokens of `s` (not normalized) by Intl.Segmenter('zh', {granularity: 'word'}): Chinese words
 * from ICU's dictionary, Latin words and numbers whole; punctuation and spaces dropped.
 */
export function segment(s: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const part of segmenter.segment(s)) if (part.isWordLike) out.push(part.segment);
  return out;
}

const ALNUM = /^[a-z0-9]+$/;
/** Splits a segment into runs of Han characters and runs of anything else ("5g基站" → 5g, 基站). */
const SPLIT_HAN = /(\p{Script=Han}+)/u;
/** Single characters that are grammar, not content, when a query has other terms. */
const STOP = new Set('的了和与及或在是等之对为将把被从以于其并且'.split(''));

/**
 * True when a search term is an ASCII word or number: matched as a whole word. Every other term
 * (Chinese, or letters such as "café") is matched as contiguous text.
 */
export const isLatinTerm = (t: string): boolean => ALNUM.test(t);

/**
 * The terms a user query searches for, all of which must match (AND): the query in search normal
 * form, cut into words by the segmenter, with Latin words and numbers split from Han text
 * ("5g基站" → "5g", "基站"). Runs of single Chinese characters the dictionary did not know are
 * joined back ("车|路" → "车路", "大|客|流" → "大客流"); lone grammatical characters (的, 与…)
 * are dropped when other terms remain. Never throws; never returns an empty string; may return [] (a
 * query of only punctuation), which the caller treats as "matches nothing".
 */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const chunk of normalizeText(query).split(' ')) {
    if (!chunk) continue;
    let run = ''; // consecutive single non-Latin characters
    const flush = () => {
      if (run) terms.push(run);
      run = '';
    };
    for (const word of segment(chunk)) {
      for (const piece of word.split(SPLIT_HAN)) {
        if (!piece) continue;
        if (!/\p{Script=Han}/u.test(piece)) {
          flush();
          terms.push(piece);
        } else if ([...piece].length === 1) {
          run += piece;
        } else {
          flush();
          terms.push(piece);
        }
      }
    }
    flush();
  }
  const content = terms.filter((t) => !STOP.has(t));
  return [...new Set(content.length > 0 ? content : terms)];
}
