import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { startLibsqlServer } from '@scx/libsql-server';
import { afterAll, expect, test, vi } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'scx-match-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Each test spawns `pnpm scx` several times: a few seconds each, far more on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const scx = (...args: string[]) => {
  const r = spawnSync('pnpm', ['-s', 'scx', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** The server of the edge test runs in this process: spawnSync would block it, so wait asynchronously. */
const scxAsync = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => {
    execFile(
      'pnpm',
      ['-s', 'scx', ...args],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
      (e, stdout, stderr) => ok({ code: e ? ((e as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
const file = (name: string, lines: unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return p;
};

const DATASET = [
  {
    type: 'firm',
    id: 'F1',
    name: '武汉路网智控科技有限公司',
    size: 'small',
    districts: ['hongshan'],
    domains: ['industry-it'],
    certifications: ['CSMM-3', { code: 'ISO27001' }],
    description: '自适应交通信号控制、路口配时优化、车路协同路侧系统。',
    cases: [{ title: '某区主干道信号配时优化', area: 'transport', domain: 'industry-it', year: 2024 }],
  },
  {
    type: 'firm',
    id: 'F2',
    name: '江夏冷链物流软件有限公司',
    size: 'medium',
    districts: ['jiangxia'],
    domains: ['industry-it'],
    certifications: ['CSMM-3'],
    description: '冷链物流运输管理系统，车辆调度与温控追溯。',
  },
  {
    type: 'firm',
    id: 'F3',
    name: '外地交通信号科技公司',
    size: 'small',
    districts: [],
    domains: ['industry-it'],
    certifications: ['CSMM-4'],
    description: '交通信号控制机与信号灯配时系统，车路协同。',
  },
  {
    type: 'product',
    id: 'P1',
    firm: 'F1',
    name: '路口信号自适应控制系统',
    description: '根据实时车流自动调整信号灯配时，缓解早晚高峰拥堵。',
    domains: ['industry-it'],
    areas: ['transport'],
    recommendedCatalog: true,
  },
  {
    type: 'scenario',
    id: 'S1',
    kind: 'challenge',
    title: '早晚高峰路口拥堵治理',
    description: '主城区多个路口早晚高峰排队过长，需要根据车流动态调整信号灯，降低平均延误 15%。',
    domains: ['industry-it'],
    area: 'transport',
    district: 'wuchang',
    budgetYuan: 3000000,
    requirements: [
      { kind: 'local_tax', mandatory: true, description: '在武汉注册并纳税' },
      { kind: 'certification', code: 'CSMM', level: 3, mandatory: true, description: 'CSMM 三级及以上' },
    ],
  },
];

test('import a data set, then match both ways with reasons and near misses (embedded file)', () => {
  const db = `file:${join(dir, 'embedded.db')}`;
  const imported = scx('import', file('set.jsonl', DATASET), '--db', db, '--json');
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const summary = JSON.parse(imported.stdout);
  expect(summary.firms).toEqual({ created: 3, updated: 0 });
  expect(summary.products).toEqual({ created: 1, updated: 0 });
  expect(summary.scenarios).toEqual({ created: 1, updated: 0 });

  const match = scx('match', '--scenario', 'S1', '--top', '5', '--json', '--db', db);
  expect(match.code).toBe(0);
  const rows = JSON.parse(match.stdout);
  expect(rows[0]).toMatchObject({ firm: 'F1', product: 'P1' });
  expect(typeof rows[0].score).toBe('number');
  expect(rows[0].reasons.length).toBeGreaterThan(0);
  // F3 is registered outside Wuhan: never ranked.
  expect(rows.map((r: { firm: string }) => r.firm)).not.toContain('F3');

  const withMisses = scx('match', '--scenario', 'S1', '--json', '--near-misses', '--lang', 'en', '--db', db);
  const out = JSON.parse(withMisses.stdout);
  const f3 = out.nearMisses.find((n: { firm: string }) => n.firm === 'F3');
  expect(f3.unmet.join(' ')).toMatch(/Wuhan/);

  const rec = scx('recommend', '--firm', 'F1', '--top', '3', '--json', '--db', db);
  expect(rec.code).toBe(0);
  expect(JSON.parse(rec.stdout)[0]).toMatchObject({ scenario: 'S1', product: 'P1' });

  // Importing the same ids again updates in place.
  const again = scx('import', file('set.jsonl', DATASET), '--db', db, '--json');
  expect(JSON.parse(again.stdout).firms).toEqual({ created: 0, updated: 3 });
});

test('reindex: a model change re-embeds what another model made; --all rebuilds every document', async () => {
  const db = `file:${join(dir, 'reindex.db')}`;
  expect(scx('import', file('reindex.jsonl', DATASET), '--db', db, '--json').code).toBe(0);
  // 3 firms + 1 product as if embedded by another model (whose name is part of the text hash).
  const client = createClient({ url: db });
  await client.execute("UPDATE supply_docs SET model = 'workers-ai:old@256', source_hash = 'another model'");
  client.close();
  const stale = scx('reindex', '--db', db);
  expect(stale.code).toBe(0);
  expect(stale.stdout).toMatch(/: 4 queued, 4 indexed, 0 unchanged/);
  const all = scx('reindex', '--all', '--db', db);
  expect(all.stdout).toMatch(/: 5 queued, 5 indexed, 0 unchanged/);
  const after = createClient({ url: db });
  const models = await after.execute(
    'SELECT DISTINCT model FROM supply_docs UNION SELECT model FROM demand_docs',
  );
  after.close();
  expect(models.rows.map((r) => r.model)).toEqual(['scx-local-hash-v1']);
});

test('a file with bad lines is reported line by line and nothing of it is kept', async () => {
  const path = join(dir, 'bad.db');
  const bad = file('bad.jsonl', [
    DATASET[0],
    '{"type": "firm", "id": "F9"',
    { type: 'firm', id: 'F8', name: '某公司', size: 'huge' },
    { type: 'product', id: 'P9', firm: 'NOPE', name: '孤儿产品' },
    { type: 'spaceship', id: 'X' },
  ]);
  const r = scx('import', bad, '--db', `file:${path}`);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^line 2: not valid JSON/m);
  expect(r.stderr).toMatch(/^line 3: size: /m);
  expect(r.stderr).toMatch(/^line 4: firm: unknown firm "NOPE"/m);
  expect(r.stderr).toMatch(/^line 5: type: /m);
  expect(r.stderr).toMatch(/nothing was imported/);
  const client = createClient({ url: `file:${path}` });
  const n = await client.execute("SELECT count(*) AS n FROM organizations WHERE kind = 'firm'");
  client.close();
  expect(Number(n.rows[0]?.n)).toBe(0);

  expect(scx('match', '--db', `file:${path}`).code).toBe(2);
  expect(scx('match', '--scenario', 'NOPE', '--db', `file:${path}`).code).toBe(1);
});

test('the same commands over HTTP: the edge path through a libSQL server', async () => {
  const server = await startLibsqlServer({ file: join(dir, 'edge.db') });
  try {
    const imported = await scxAsync('import', file('edge.jsonl', DATASET), '--db', server.url, '--json');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const rows = JSON.parse(
      (await scxAsync('match', '--scenario', 'S1', '--json', '--db', server.url)).stdout,
    );
    expect(rows[0]).toMatchObject({ firm: 'F1', product: 'P1' });
    const rec = JSON.parse(
      (await scxAsync('recommend', '--firm', 'F1', '--json', '--db', server.url)).stdout,
    );
    expect(rec[0]).toMatchObject({ scenario: 'S1', product: 'P1' });
  } finally {
    await server.close();
  }
});
