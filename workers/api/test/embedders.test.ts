import { createLocalEmbedder, DEFAULT_SEMANTIC_RANGE, embedLocal, MATCH_VECTOR_DIMENSIONS } from '@scx/core';
import { drainAllMatchQueue, MIGRATIONS, schema } from '@scx/db';
import { makeFirm, makeScenario } from '@scx/db/factories';
import { eq } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import { createApp } from '../src/app.ts';
import {
  createWorkersAiEmbedder,
  embedderFor,
  WORKERS_AI_SEMANTIC_RANGE,
  type WorkersAiLike,
} from '../src/embedders.ts';
import { setUpEvent } from './events.fixtures.ts';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp | undefined;
afterEach(() => t?.close());

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

/** A stand-in model with meaningful vectors: the local embedding, padded to 768 dimensions. */
function paddedLocalAi() {
  const calls: number[] = [];
  const ai: WorkersAiLike = {
    async run(_model, input) {
      calls.push(input.text.length);
      return {
        data: input.text.map((x) => [...embedLocal(x), ...new Array(768 - MATCH_VECTOR_DIMENSIONS).fill(0)]),
      };
    },
  };
  return { ai, calls };
}

/** The app as a Worker with an AI binding and EMBEDDING_MODEL builds it (embedderFor), on t's database. */
function aiApp(t: TestApp, ai: WorkersAiLike) {
  const embedder = embedderFor({ AI: ai, EMBEDDING_MODEL: '@cf/google/embeddinggemma-300m' });
  const client = t.client;
  const edge = createApp({
    openDb: () => ({ client, release: () => {} }),
    clock: () => new Date('2026-11-21T08:00:00.000Z'),
    embedder,
    migrations: MIGRATIONS,
    config: { secureCookies: true, version: 'test', name: 'test' },
  });
  return { edge, embedder, client };
}

test('a host configured with Workers AI indexes and matches with it: stored model, reported model, its cosine scale', async () => {
  t = await makeTestApp();
  const { ai, calls } = paddedLocalAi();
  const { edge, embedder, client } = aiApp(t, ai);
  const agency = await signIn(t, { kind: 'agency' });
  const scenario = await makeScenario(t.db, {
    issuerId: agency.orgId,
    title: '路口信号灯配时优化',
    summary: '早晚高峰干线绿波协调，减少路口排队。',
    domain: 'industry-it',
    area: 'transport',
  });
  const firm = await makeFirm(t.db, {
    name: '武汉信控科技有限公司',
    domains: ['industry-it'],
    description: '交通信号控制：自适应信号配时、干线绿波协调、路口排队检测。',
  });
  const loose = await makeFirm(t.db, {
    name: '武汉泊安科技有限公司',
    domains: ['industry-it'],
    description: '智慧停车：路内泊位管理、停车诱导，服务交通管理部门。',
  });
  // Nothing indexed yet: the match request indexes the queue with the configured model first.
  const res = await edge.request(`/api/v1/scenarios/${scenario.id}/matches`, { headers: agency.headers });
  expect(res.status).toBe(200);
  const m = await body(res);
  expect(m.model).toBe(embedder.model);
  expect(calls.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  const models = await client.execute('SELECT model FROM supply_docs UNION SELECT model FROM demand_docs');
  expect(models.rows.map((r) => r.model)).toEqual([embedder.model]);

  // The semantic feature is the cosine on the model's scale, not the local embedder's: checked on
  // every ranked firm, one of which is only loosely related (a cosine the two scales read differently).
  const [low, high] = WORKERS_AI_SEMANTIC_RANGE;
  expect(m.results.map((r: { firm: { id: string } }) => r.firm.id)).toEqual([firm.id, loose.id]);
  const differs: string[] = [];
  for (const r of m.results) {
    const cos = Number(
      (
        await client.execute({
          sql: `SELECT 1 - vector_distance_cos(s.embedding, f.embedding) AS c FROM demand_docs s, supply_docs f
                WHERE s.scenario_id = ? AND f.kind = 'firm' AND f.ref_id = ?`,
          args: [scenario.id, r.firm.id],
        })
      ).rows[0]?.c,
    );
    // What the local embedder's scale would have given: different for at least one firm.
    const [dLow, dHigh] = DEFAULT_SEMANTIC_RANGE;
    const local = Math.min(1, Math.max(0, (cos - dLow) / (dHigh - dLow)));
    const semantic = r.breakdown.find((c: { feature: string }) => c.feature === 'semantic');
    expect(semantic.value).toBeCloseTo(Math.min(1, Math.max(0, (cos - low) / (high - low))), 3);
    if (Math.abs(local - semantic.value) > 0.05) differs.push(r.firm.id);
  }
  expect(differs).toEqual([loose.id]);
});

test("event suggestions (对接建议) read cosines on the configured model's scale as well", async () => {
  t = await makeTestApp();
  const app = t;
  const { ai } = paddedLocalAi();
  const { edge, embedder } = aiApp(app, ai);
  const e = await setUpEvent(app, { agencies: 1, firms: 2 });
  const [agency] = e.agencies;
  const [tight, loose] = e.firms;
  if (!agency || !tight || !loose) throw new Error('set-up');
  await makeScenario(app.db, {
    issuerId: agency.actor.orgId,
    title: '路口信号灯配时优化',
    summary: '早晚高峰干线绿波协调，减少路口排队。',
    domain: 'industry-it',
    area: 'transport',
  });
  const profile = (m: typeof tight, description: string) =>
    app.db
      .update(schema.organizations)
      .set({ domains: ['industry-it'], description })
      .where(eq(schema.organizations.id, m.actor.orgId));
  await profile(tight, '交通信号控制：自适应信号配时、干线绿波协调、路口排队检测。');
  await profile(loose, '智慧停车：路内泊位管理、停车诱导，服务交通管理部门。');
  // The stand-in model returns the local vectors, so both hosts see the same cosines: only the scale differs.
  await drainAllMatchQueue(app.db, embedder);
  const path = `${e.url}/suggestions`;
  const scores = async (res: Response) => {
    expect(res.status).toBe(200);
    const b = await body(res);
    return new Map<string, number>(
      b.suggestions.map((x: { orgId: string; score: number }) => [x.orgId, x.score]),
    );
  };
  const onAi = await scores(await edge.request(path, { headers: agency.actor.headers }));
  const onLocal = await scores(await app.app.request(path, { headers: agency.actor.headers }));
  expect([...onAi.keys()].sort()).toEqual([tight.actor.orgId, loose.actor.orgId].sort());
  // The model's range [0.3, 0.8] reads a cosine lower than the local one: no score rises, and the loosely
  // related firm's (a cosine inside both ranges) drops.
  for (const [org, score] of onAi) expect(score).toBeLessThanOrEqual(onLocal.get(org) ?? 0);
  expect(onAi.get(loose.actor.orgId)).toBeLessThan(onLocal.get(loose.actor.orgId) ?? 0);
});

test('switching to Workers AI: POST /matching/reindex re-embeds what the local embedder made, then nothing', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  await makeScenario(t.db, { issuerId: agency.orgId, title: '路口信号灯配时优化', domain: 'industry-it' });
  await makeFirm(t.db, { name: '武汉信控科技有限公司', description: '交通信号控制与信号配时。' });
  await drainAllMatchQueue(t.db, createLocalEmbedder());
  const { ai, calls } = paddedLocalAi();
  const { edge, embedder, client } = aiApp(t, ai);
  const organizer = await signIn(t, { kind: 'organizer' });
  const reindex = () =>
    edge.request('/api/v1/matching/reindex', {
      method: 'POST',
      headers: { ...organizer.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 500 }),
    });
  const first = await body(await reindex());
  expect(first).toMatchObject({ model: embedder.model, queued: 2, indexed: 2, remaining: 0 });
  expect(calls.reduce((a, b) => a + b, 0)).toBe(2);
  const models = await client.execute('SELECT model FROM supply_docs UNION SELECT model FROM demand_docs');
  expect(models.rows.map((r) => r.model)).toEqual([embedder.model]);
  expect(await body(await reindex())).toMatchObject({ queued: 0, indexed: 0, remaining: 0 });
});
