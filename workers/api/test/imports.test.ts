import { writeCsv, writeXlsx } from '@scx/core';
import { randomUscc } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { type Actor, body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const HEADERS = [
  '序号',
  '场景名称',
  '所属领域',
  '应用领域',
  '所在区',
  '预算（万元）',
  '截止日期',
  '场景描述',
  '技术要求',
];
const row = (n: number, over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    序号: String(n),
    场景名称: `社区养老智能看护场景${n}`,
    所属领域: '行业信息化',
    应用领域: '社区服务',
    所在区: '江汉',
    '预算（万元）': '120.5',
    截止日期: '2026/12/31',
    场景描述: '独居老人跌倒检测与主动关怀',
    技术要求: 'CSMM三级及以上、信创适配',
  };
  return HEADERS.map((h) => over[h] ?? base[h] ?? '');
};

function upload(
  a: Actor,
  path: string,
  file: Uint8Array,
  name: string,
  extra: Record<string, string> = {},
  accept?: string,
) {
  const form = new FormData();
  form.set('file', new File([file as Uint8Array<ArrayBuffer>], name));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return t.request(path, {
    method: 'POST',
    headers: { ...a.headers, ...(accept ? { accept } : {}) },
    body: form,
  });
}

const counts = async () => {
  const rs = await t.client.execute(
    'SELECT (SELECT count(*) FROM scenarios) AS s, (SELECT count(*) FROM audit_log) AS a',
  );
  return rs.rows[0];
};

test('an agency previews an .xlsx list, then commits it: drafts with requirements, one audit entry', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency', orgName: '武汉市民政局' });
  const xlsx = writeXlsx({ rows: [HEADERS, row(1), row(2), row(3)] });
  const pv = await upload(agency, '/api/v1/imports/scenarios/preview', xlsx, '养老场景清单.xlsx');
  expect(pv.status).toBe(200);
  const preview = await body(pv);
  expect(preview).toMatchObject({
    kind: 'scenarios',
    total: 3,
    valid: 3,
    invalid: 0,
    file: { format: 'xlsx' },
  });
  expect(preview.rows[0].record).toMatchObject({
    budgetFen: 120_500_000,
    deadline: '2026-12-31T15:59:59.999Z',
    district: 'jianghan',
  });
  expect(await counts()).toMatchObject({ s: 0 });

  const done = await upload(agency, '/api/v1/imports/scenarios/commit', xlsx, '养老场景清单.xlsx', {
    sha256: preview.file.sha256,
  });
  expect(done.status).toBe(201);
  expect((await body(done)).created).toBe(3);
  const rows = await t.client.execute('SELECT status, issuer_id FROM scenarios');
  expect(rows.rows.every((r) => r.status === 'draft' && r.issuer_id === agency.orgId)).toBe(true);
  const reqs = await t.client.execute("SELECT code, level FROM scenario_requirements WHERE code = 'CSMM'");
  expect(reqs.rows).toHaveLength(3);
  expect(reqs.rows[0]?.level).toBe(3);
  const audit = await t.client.execute("SELECT action FROM audit_log WHERE action LIKE 'import.%'");
  expect(audit.rows.map((r) => r.action)).toEqual(['import.scenarios']);
});

test('one bad row: the preview names row and column; the commit is refused whole', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency', orgName: '武汉市民政局' });
  const csv = writeCsv(
    [HEADERS, row(1), row(2, { 所属领域: '不存在的领域', '预算（万元）': '很多' }), row(3)],
    {
      bom: true,
    },
  );
  const preview = await body(await upload(agency, '/api/v1/imports/scenarios/preview', csv, 'list.csv'));
  expect(preview).toMatchObject({ total: 3, valid: 2, invalid: 1 });
  const bad = preview.rows.find((r: { line: number }) => r.line === 3);
  expect(bad.errors.map((e: { column: string }) => e.column).sort()).toEqual(['所属领域', '预算（万元）']);
  const before = await counts();
  const res = await upload(agency, '/api/v1/imports/scenarios/commit', csv, 'list.csv');
  expect(res.status).toBe(422);
  const p = await body(res);
  expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'file.row3.所属领域',
    'file.row3.预算（万元）',
  ]);
  expect(await counts()).toEqual(before);
});

test('progress streams as NDJSON for large files, ending with the result', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency', orgName: '武汉市民政局' });
  const csv = writeCsv([HEADERS, ...Array.from({ length: 1500 }, (_, i) => row(i + 1))]);
  const res = await upload(
    agency,
    '/api/v1/imports/scenarios/commit',
    csv,
    'big.csv',
    {},
    'application/x-ndjson',
  );
  expect(res.headers.get('content-type')).toContain('application/x-ndjson');
  const lines = (await res.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.filter((l) => l.type === 'progress').length).toBeGreaterThan(0);
  expect(lines.at(-1)).toMatchObject({ type: 'result', status: 201, body: { created: 1500 } });
});

test('who may import what; bad uploads are clear 4xx problems', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const firm = await signIn(t, { kind: 'firm' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const csv = writeCsv([HEADERS, row(1)]);
  expect((await upload(firm, '/api/v1/imports/scenarios/preview', csv, 'a.csv')).status).toBe(403);
  expect((await upload(agency, '/api/v1/imports/firms/preview', csv, 'a.csv')).status).toBe(403);
  const firms = writeCsv([
    ['企业名称', '统一社会信用代码', '企业规模', '所在区', '主营领域'],
    ['武汉云帆数据科技有限公司', randomUscc(), '小型', '洪山区', '行业信息化、新兴平台软件'],
  ]);
  const imported = await upload(organizer, '/api/v1/imports/firms/commit', firms, 'firms.csv');
  expect(imported.status).toBe(201);
  const noFile = await t.request('/api/v1/imports/scenarios/preview', {
    method: 'POST',
    headers: agency.headers,
    body: new FormData(),
  });
  expect(noFile.status).toBe(422);
  expect((await body(noFile)).errors[0].path).toBe('body.file');
  const exe = await upload(
    agency,
    '/api/v1/imports/scenarios/preview',
    new Uint8Array([0x4d, 0x5a, 0, 0]),
    'tool.exe',
  );
  expect([400, 415]).toContain(exe.status);
  expect(exe.headers.get('content-type')).toContain('application/problem+json');
  const other = writeCsv([HEADERS, row(9)]);
  const mismatch = await upload(agency, '/api/v1/imports/scenarios/commit', other, 'x.csv', {
    sha256: 'a'.repeat(64),
  });
  expect(mismatch.status).toBe(409);
});
