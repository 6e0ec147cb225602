import { createLocalEmbedder, MATCH_VECTOR_DIMENSIONS } from '@scx/core';
import { expect, test } from 'vitest';
import { createWorkersAiEmbedder, embedderFor, type WorkersAiLike } from '../src/embedders.ts';

/** A stand-in for env.AI: 768-d vectors whose first dimensions encode the text's length. */
function fakeAi() {
  const calls: { model: string; n: number }[] = [];
  const ai: WorkersAiLike = {
    async run(model, input) {
      calls.push({ model, n: input.text.length });
      return {
        shape: [input.text.length, 768],
        data: input.text.map((t) =>
          Array.from({ length: 768 }, (_, i) => (i === 0 ? t.length : i === 1 ? 1 : 0.001)),
        ),
      };
    },
  };
  return { ai, calls };
}

test('Workers AI vectors are fitted to the stored dimension, in batches, under a model name that records both', async () => {
  const { ai, calls } = fakeAi();
  const e = createWorkersAiEmbedder(ai, '@cf/google/embeddinggemma-300m');
  expect(e.model).toBe(`workers-ai:@cf/google/embeddinggemma-300m@${MATCH_VECTOR_DIMENSIONS}`);
  const texts = Array.from({ length: 120 }, (_, i) => '交通'.repeat(i + 1));
  const vectors = await e.embed(texts);
  expect(vectors).toHaveLength(120);
  expect(calls.map((c) => c.n)).toEqual([50, 50, 20]);
  for (const v of vectors) {
    expect(v.length).toBe(MATCH_VECTOR_DIMENSIONS);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  }
});

test('a model answering with the wrong number of vectors is an error, not a silent misalignment', async () => {
  const ai: WorkersAiLike = { run: async () => ({ data: [[1, 0]] }) };
  await expect(createWorkersAiEmbedder(ai).embed(['一', '二'])).rejects.toThrow(/1 vectors for 2 texts/);
});

test('the local embedder is used unless the host binds AI and names a model', () => {
  const { ai } = fakeAi();
  expect(embedderFor({}).model).toBe(createLocalEmbedder().model);
  expect(embedderFor({ AI: ai }).model).toBe(createLocalEmbedder().model);
  expect(embedderFor({ AI: ai, EMBEDDING_MODEL: '@cf/baai/bge-m3' }).model).toContain('@cf/baai/bge-m3');
});
