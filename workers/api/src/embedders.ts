import { createLocalEmbedder, type Embedder, fitDimensions, MATCH_VECTOR_DIMENSIONS } from '@scx/core';

/** The slice of the Workers AI binding we use (`env.AI.run(model, {text})` → `{data: number[][]}`). */
export interface WorkersAiLike {
  run(model: string, input: { text: string[] }): Promise<unknown>;
}

/** A Matryoshka-trained multilingual model: its first 256 dimensions are a valid embedding. */
export const DEFAULT_WORKERS_AI_MODEL = '@cf/google/embeddinggemma-300m';
const BATCH = 50;
/**
 * Neural multilingual models give unrelated Chinese texts a cosine of ~0.3 and paraphrases ~0.8,
 * where the local hashing embedder gives ~0.05 and ~0.65: the semantic feature is scaled to this range.
 */
export const WORKERS_AI_SEMANTIC_RANGE: readonly [number, number] = [0.3, 0.8];

/** The embedder's cosine scale for the semantic feature, as rank options (the local embedder's is core's default). */
export const scaleOf = (embedder: Embedder): { semanticRange?: readonly [number, number] } =>
  embedder.semanticRange ? { semanticRange: embedder.semanticRange } : {};

/**
 * Embeddings from a Workers AI text-embedding model, fitted to the stored dimension (truncated and
 * re-normalised). The model name is stored with each vector, so switching models is detected and
 * `pnpm scx reindex` / POST /api/v1/matching/reindex rebuilds the stale documents.
 */
export function createWorkersAiEmbedder(ai: WorkersAiLike, model = DEFAULT_WORKERS_AI_MODEL): Embedder {
  return {
    model: `workers-ai:${model}@${MATCH_VECTOR_DIMENSIONS}`,
    dimensions: MATCH_VECTOR_DIMENSIONS,
    semanticRange: WORKERS_AI_SEMANTIC_RANGE,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const chunk = texts.slice(i, i + BATCH);
        const res = (await ai.run(model, { text: [...chunk] })) as { data?: number[][] };
        if (!Array.isArray(res?.data) || res.data.length !== chunk.length) {
          throw new Error(
            `Workers AI ${model} returned ${res?.data?.length ?? 'no'} vectors for ${chunk.length} texts`,
          );
        }
        for (const v of res.data) out.push(fitDimensions(v, MATCH_VECTOR_DIMENSIONS));
      }
      return out;
    },
  };
}

/** Workers AI when the host binds it and names a model (EMBEDDING_MODEL), else the local embedder. */
export function embedderFor(env: { AI?: WorkersAiLike; EMBEDDING_MODEL?: string }): Embedder {
  if (env.AI && env.EMBEDDING_MODEL) return createWorkersAiEmbedder(env.AI, env.EMBEDDING_MODEL);
  return createLocalEmbedder();
}
