// Embeddings without a model: feature hashing of concepts, their domains and areas, Latin words and
// Chinese character bigrams into a small signed vector. Deterministic and dependency-free, so it runs
// the same in Node and workerd; a Workers AI model can replace it behind the same Embedder interface.

import { normalizeText } from '../text/normalize.ts';
import { conceptById, conceptMentionsNormalized } from './concepts.ts';
import type { Embedder } from './types.ts';
import { hanBigrams, isGrammarChar, isLowValueWord, latinWords } from './words.ts';

export const MATCH_VECTOR_DIMENSIONS = 256;
export const LOCAL_EMBEDDING_MODEL = 'scx-local-hash-v1';

// Feature weights: a shared concept says far more than a shared word; domains and areas give
// related concepts (信号配时, 车路协同: both transport) a partial similarity. Chinese words enter as
// character bigrams rather than segmenter words: a two-character word is its bigram, and
// Intl.Segmenter would cost ~0.5 ms per 500 characters, three times all the rest.
const CONCEPT_WEIGHT = 3;
const CODE_WEIGHT = 2;
const LATIN_WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;
const LOW_VALUE_BIGRAM_WEIGHT = 0.15;

/** FNV-1a 32-bit with a murmur3 finalizer, so that the low bits used for buckets are well mixed. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function addFeature(v: Float64Array, feature: string, weight: number): void {
  const h = hash32(feature);
  // The sign bit halves the expected error of collisions (signed feature hashing).
  const i = h % v.length;
  v[i] = (v[i] ?? 0) + (h & 0x80000000 ? -weight : weight);
}

/** Sublinear term frequency: the tenth mention adds less than the first. */
const tf = (n: number): number => 1 + Math.log(n);

/**
 * The local embedding of one text: an L2-normalised Float32Array of MATCH_VECTOR_DIMENSIONS. A text
 * with nothing to index (empty, punctuation only) gives the zero vector: store NULL for it instead.
 */
export function embedLocal(text: string): Float32Array {
  const v = new Float64Array(MATCH_VECTOR_DIMENSIONS);
  const norm = normalizeText(text);
  if (norm) {
    const codes = new Map<string, number>();
    for (const [id, n] of conceptMentionsNormalized(norm)) {
      addFeature(v, `c:${id}`, CONCEPT_WEIGHT * tf(n));
      const c = conceptById(id);
      const domains = c?.domains ?? [];
      const areas = c?.areas ?? [];
      for (const d of domains) codes.set(`d:${d}`, (codes.get(`d:${d}`) ?? 0) + 1 / domains.length);
      for (const a of areas) codes.set(`a:${a}`, (codes.get(`a:${a}`) ?? 0) + 1 / areas.length);
    }
    for (const [code, evidence] of codes) {
      addFeature(v, code, CODE_WEIGHT * (evidence >= 1 ? tf(evidence) : evidence));
    }
    for (const [w, n] of counts(latinWords(norm))) addFeature(v, `w:${w}`, LATIN_WORD_WEIGHT * tf(n));
    for (const [b, n] of counts(hanBigrams(norm))) {
      if (isGrammarChar(b[0] as string) || isGrammarChar(b[1] as string)) continue;
      addFeature(v, `b:${b}`, (isLowValueWord(b) ? LOW_VALUE_BIGRAM_WEIGHT : BIGRAM_WEIGHT) * tf(n));
    }
  }
  return normalized(v);
}

function counts(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function normalized(v: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) ** 2;
  const out = new Float32Array(v.length);
  if (sum === 0) return out;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) * scale;
  return out;
}

/** The default embedder: no model, no network, the same vectors on every host. */
export function createLocalEmbedder(): Embedder {
  return {
    model: LOCAL_EMBEDDING_MODEL,
    dimensions: MATCH_VECTOR_DIMENSIONS,
    embed: async (texts) => texts.map(embedLocal),
  };
}

/**
 * A vector cut or zero-padded to `dims` and L2-normalised. Matryoshka-trained models (e.g. Workers AI
 * `@cf/google/embeddinggemma-300m`) keep their meaning in the leading dimensions, so truncation
 * is sound for them; for other models it is only a way to fit the column.
 */
export function fitDimensions(v: ArrayLike<number>, dims: number): Float32Array {
  const out = new Float64Array(dims);
  for (let i = 0; i < Math.min(dims, v.length); i++) out[i] = v[i] as number;
  return normalized(out);
}

/** Cosine similarity; 0 when either vector is zero. Vectors of different lengths compare on the shorter. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
