import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import {
  completeUscc,
  type FirmImportRecord,
  previewImportFile,
  type ScenarioImportRecord,
  USCC_ALPHABET,
  verifyAuditChain,
  writeCsv,
  writeXlsx,
  type XlsxCell,
} from '@scx/core';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb } from '../src/client.ts';
import { countRows, makeOrganization } from '../src/factories.ts';
import { newId } from '../src/ids.ts';
import { migrate } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';
import { commitFirmImport, commitScenarioImport } from '../src/queries/import.ts';
import {
  auditLog,
  certifications,
  organizations,
  scenarioRequirements,
  scenarios,
  users,
} from '../src/schema/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'scx-import-'));
const client = createClient({ url: `file:${join(dir, 'i.db')}` });
const db = createDb(client);
const NOW = new Date('2026-03-01T02:00:00.000Z');
let userId = '';

beforeAll(async () => {
  await migrate(client, MIGRATIONS);
  userId = newId();
  await db
    .insert(users)
    .values({ id: userId, email: `importer-${userId}@t.scx`, name: '导入员', passwordHash: 'x' });
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const TABLES = [
  'scenarios',
  'scenario_requirements',
  'organizations',
  'certifications',
  'audit_log',
] as const;
const counts = async () =>
  Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(client, t)])));

let usccSeq = 0;
/** Distinct valid USCCs in 武昌区 (420106). */
const uscc = () => {
  let n = ++usccSeq;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = (USCC_ALPHABET[n % 31] as string) + body;
    n = Math.floor(n / 31);
  }
  return completeUscc(`91420106${body}`);
};

const HEAD = [
  '序号',
  '场景名称',
  '发布单位',
  '所属领域',
  '应用领域',
  '所在区',
  '类型',
  '预算（万元）',
  '奖励(万元)',
  '截止日期',
  '场景描述',
  '技术要求',
  '联系人',
  '联系电话',
];
const DOMAINS = ['基础软件', '工业软件', '网络安全', '地理信息', '行业信息化', '人工智能', 'EDA', '汽车软件'];
const DISTRICTS = ['江岸', '武昌区', '光谷', '车谷', '洪山区', '东西湖区'];

function scenarioRow(i: number, issuer: string): XlsxCell[] {
  return [
    i + 1,
    `场景${i + 1}：智慧社区养老服务平台建设`,
    issuer,
    DOMAINS[i % DOMAINS.length] as string,
    '社区服务',
    DISTRICTS[i % DISTRICTS.length] as string,
    i % 10 === 0 ? '揭榜挂帅' : '应用场景',
    (i % 500) + 0.25,
    i % 10 === 0 ? 300 : null,
    { date: 46387 },
    '面向老年人的一键呼叫、健康监测和上门服务调度。',
    i % 3 === 0 ? 'CSMM三级及以上、ISO27001、信创适配，支持国产数据库' : '',
    '张工',
    '027-87654321',
  ];
}

describe('commitScenarioImport', () => {
  test('a 5,000-row .xlsx previews and commits atomically', async () => {
    const agency = await makeOrganization(db, { kind: 'agency', name: '武汉市民政局' });
    const bytes = writeXlsx({
      rows: [HEAD, ...Array.from({ length: 5000 }, (_, i) => scenarioRow(i, '武汉市民政局'))],
    });
    const before = await counts();
    const previewed = await previewImportFile(bytes, '场景清单.xlsx', 'scenarios', {
      importer: { name: agency.name },
      now: NOW,
    });
    if (!previewed.ok) throw new Error(previewed.error.message);
    const p = previewed.value;
    expect(p).toMatchObject({ total: 5000, valid: 5000, invalid: 0 });
    const records = p.rows.map((r) => r.record as ScenarioImportRecord);

    const progress: number[] = [];
    const result = await commitScenarioImport(db, {
      issuerId: agency.id,
      actorUserId: userId,
      records,
      columns: p.columns,
      file: p.file,
      now: NOW,
      onProgress: (done) => void progress.push(done),
    });
    expect(result).toMatchObject({ ok: true, created: 5000 });
    if (!result.ok) return;
    expect(progress.at(-1)).toBe(5000 + 1667 * 4);

    const after = await counts();
    expect(after.scenarios - before.scenarios).toBe(5000);
    expect(after.scenario_requirements - before.scenario_requirements).toBe(1667 * 4);
    expect(after.audit_log - before.audit_log).toBe(1);

    const [first] = await db
      .select()
      .from(scenarios)
      .where(eq(scenarios.id, result.ids[0] as string));
    expect(first).toMatchObject({
      kind: 'challenge',
      status: 'draft',
      issuerId: agency.id,
      title: '场景1：智慧社区养老服务平台建设',
      domain: 'basic-software',
      area: 'community',
      district: 'jiangan',
      budgetFen: 250_000,
      rewardFen: 300_000_000,
      deadline: '2026-12-31T15:59:59.999Z',
      createdBy: userId,
      publishedAt: null,
    });
    const reqs = await db
      .select()
      .from(scenarioRequirements)
      .where(eq(scenarioRequirements.scenarioId, result.ids[0] as string))
      .orderBy(asc(scenarioRequirements.ordinal));
    expect(reqs.map((r) => [r.kind, r.code, r.level])).toEqual([
      ['certification', 'CSMM', 3],
      ['certification', 'ISO27001', null],
      ['certification', 'XINCHUANG', null],
      ['technical', null, null],
    ]);

    const audit = await db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const entry = audit.at(-1);
    expect(entry).toMatchObject({
      action: 'import.scenarios',
      entityType: 'import',
      actorUserId: userId,
      actorOrgId: agency.id,
    });
    expect(entry?.data).toMatchObject({
      created: 5000,
      challenges: 500,
      requirements: 1667 * 4,
      file: { sha256: p.file.sha256 },
    });
    expect((await verifyAuditChain(audit)).ok).toBe(true);
  });

  test('one bad row (unknown issuer, found only at commit) writes nothing — not even the audit entry', async () => {
    const organizer = await makeOrganization(db, { kind: 'organizer', name: '武汉市经济和信息化局' });
    const known = await makeOrganization(db, { kind: 'agency', name: '武汉市教育局' });
    const rows = Array.from({ length: 600 }, (_, i) =>
      scenarioRow(i, i === 450 ? '不存在的单位' : known.name),
    );
    const previewed = await previewImportFile(writeXlsx({ rows: [HEAD, ...rows] }), 'a.xlsx', 'scenarios', {
      importer: { name: organizer.name, organizer: true },
      now: NOW,
    });
    if (!previewed.ok) throw new Error(previewed.error.message);
    expect(previewed.value.valid).toBe(600);
    const before = await counts();
    const result = await commitScenarioImport(db, {
      issuerId: organizer.id,
      actorUserId: userId,
      allowOtherIssuers: true,
      records: previewed.value.rows.map((r) => r.record as ScenarioImportRecord),
      columns: previewed.value.columns,
      now: NOW,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 452,
          column: '发布单位',
          message: '平台上没有名为“不存在的单位”的发榜单位，请先注册该单位或更正名称',
          messageEn: 'no agency named "不存在的单位" on the platform',
        },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  test('a failure after rows were written (progress callback throws: client went away) rolls everything back', async () => {
    const agency = await makeOrganization(db, { kind: 'agency', name: '武汉市水务局' });
    const previewed = await previewImportFile(
      writeXlsx({ rows: [HEAD, ...Array.from({ length: 3000 }, (_, i) => scenarioRow(i, agency.name))] }),
      'a.xlsx',
      'scenarios',
      { importer: { name: agency.name }, now: NOW },
    );
    if (!previewed.ok) throw new Error(previewed.error.message);
    const before = await counts();
    let calls = 0;
    await expect(
      commitScenarioImport(db, {
        issuerId: agency.id,
        actorUserId: userId,
        records: previewed.value.rows.map((r) => r.record as ScenarioImportRecord),
        now: NOW,
        onProgress: (done) => {
          calls++;
          if (done >= 2000) throw new Error('stream closed');
        },
      }),
    ).rejects.toThrow('stream closed');
    expect(calls).toBe(2);
    expect(await counts()).toEqual(before);
    // and the database is usable afterwards (the write transaction was released)
    const again = await commitScenarioImport(db, {
      issuerId: agency.id,
      actorUserId: userId,
      records: previewed.value.rows.slice(0, 10).map((r) => r.record as ScenarioImportRecord),
      now: NOW,
    });
    expect(again).toMatchObject({ ok: true, created: 10 });
  });

  test('organizers import for several agencies; agencies cannot smuggle another issuer in', async () => {
    const organizer = await makeOrganization(db, { kind: 'organizer', name: '主办方甲' });
    const a = await makeOrganization(db, { kind: 'agency', name: '发榜单位甲' });
    const csv = writeCsv([
      ['场景名称', '发布单位', '所属领域', '所在区'],
      ['场景A', '发榜单位甲', 'EDA', '江岸'],
      ['场景B', '', 'EDA', '江岸'],
    ]);
    const previewed = await previewImportFile(csv, 'a.csv', 'scenarios', {
      importer: { name: organizer.name, organizer: true },
      now: NOW,
    });
    if (!previewed.ok) throw new Error(previewed.error.message);
    const records = previewed.value.rows.map((r) => r.record as ScenarioImportRecord);
    const ok = await commitScenarioImport(db, {
      issuerId: organizer.id,
      actorUserId: userId,
      allowOtherIssuers: true,
      records,
      now: NOW,
    });
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    const rows = await db
      .select({ issuerId: scenarios.issuerId })
      .from(scenarios)
      .where(eq(scenarios.title, '场景A'));
    expect(rows).toEqual([{ issuerId: a.id }]);

    const agency = await makeOrganization(db, { kind: 'agency', name: '发榜单位乙' });
    const before = await counts();
    const denied = await commitScenarioImport(db, {
      issuerId: agency.id,
      actorUserId: userId,
      records,
      now: NOW,
    });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.errors[0]).toMatchObject({ line: 2, column: '发布单位' });
    expect(await counts()).toEqual(before);
  });

  test('records are re-validated at commit; unknown call and non-agency importer refused', async () => {
    const agency = await makeOrganization(db, { kind: 'agency' });
    const good: ScenarioImportRecord = {
      line: 2,
      kind: 'scenario',
      title: '甲',
      issuerName: null,
      summary: '',
      problem: '',
      goals: '',
      kpis: [],
      domain: 'eda',
      secondaryDomains: [],
      area: 'government',
      district: 'jiangan',
      budgetFen: null,
      rewardFen: null,
      subsidyFen: null,
      deadline: null,
      deliveryMonths: null,
      contactName: null,
      contactPhone: null,
      contactEmail: null,
      requirements: [],
    };
    const before = await counts();
    const bad = await commitScenarioImport(db, {
      issuerId: agency.id,
      actorUserId: userId,
      now: NOW,
      records: [good, { ...good, line: 3, domain: 'nope' as never }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ line: 3, column: '所属领域' });
    const call = await commitScenarioImport(db, {
      issuerId: agency.id,
      actorUserId: userId,
      now: NOW,
      callId: 'nope',
      records: [good],
    });
    expect(call).toMatchObject({ ok: false, errors: [{ message: '征集批次不存在' }] });
    const firm = await makeOrganization(db, { kind: 'firm' });
    const asFirm = await commitScenarioImport(db, {
      issuerId: firm.id,
      actorUserId: userId,
      now: NOW,
      records: [good],
    });
    expect(asFirm.ok).toBe(false);
    expect(await counts()).toEqual({ ...before, organizations: before.organizations + 1 });
  });
});

describe('commitFirmImport', () => {
  const FHEAD = [
    '企业名称',
    '统一社会信用代码',
    '企业规模',
    '注册地',
    '主营领域',
    '资质证书',
    '员工人数',
    '成立年份',
    '企业简介',
  ];
  const firmRow = (i: number, code: string) => [
    `武汉测试软件${i}有限公司`,
    code,
    ['大型', '中型', '小型', '微型'][i % 4] as string,
    '',
    '工业软件、人工智能',
    i % 2 ? 'CMMI 3级、ISO27001' : '',
    String(20 + i),
    '2015',
    '简介',
  ];

  test('5,000 firms from a UTF-8-BOM CSV commit in one transaction', async () => {
    const csv = writeCsv([FHEAD, ...Array.from({ length: 5000 }, (_, i) => firmRow(i, uscc()))], {
      bom: true,
    });
    const previewed = await previewImportFile(csv, 'firms.csv', 'firms', { now: NOW });
    if (!previewed.ok) throw new Error(previewed.error.message);
    expect(previewed.value).toMatchObject({ total: 5000, valid: 5000 });
    const before = await counts();
    const result = await commitFirmImport(db, {
      actorUserId: userId,
      records: previewed.value.rows.map((r) => r.record as FirmImportRecord),
      file: previewed.value.file,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, created: 5000 });
    const after = await counts();
    expect(after.organizations - before.organizations).toBe(5000);
    expect(after.certifications - before.certifications).toBe(5000);
    expect(after.audit_log - before.audit_log).toBe(1);
    if (!result.ok) return;
    const [org] = await db
      .select()
      .from(organizations)
      .where(eq(organizations.id, result.ids[1] as string));
    expect(org).toMatchObject({
      kind: 'firm',
      status: 'approved',
      district: 'wuchang',
      size: 'medium',
      domains: ['industrial-software', 'emerging-platforms'],
      employees: 21,
      foundedYear: 2015,
      approvedBy: userId,
    });
    const certs = await db
      .select({ code: certifications.code, level: certifications.level })
      .from(certifications)
      .where(eq(certifications.orgId, org?.id as string));
    expect(certs).toEqual([
      { code: 'CMMI', level: 3 },
      { code: 'ISO27001', level: null },
    ]);
  });

  test('a USCC already in the database fails the whole commit, naming the row and the person’s column', async () => {
    const existing = await makeOrganization(db, { kind: 'firm', name: '已注册公司', uscc: uscc() });
    const rows = Array.from({ length: 300 }, (_, i) => firmRow(i, i === 250 ? existing.uscc : uscc()));
    rows[0] = [...(rows[0] as string[])];
    const previewed = await previewImportFile(
      writeCsv([['单位名称', '社会信用代码', ...FHEAD.slice(2)], ...rows]),
      'f.csv',
      'firms',
      { now: NOW },
    );
    if (!previewed.ok) throw new Error(previewed.error.message);
    expect(previewed.value.valid).toBe(300);
    const before = await counts();
    const result = await commitFirmImport(db, {
      actorUserId: userId,
      records: previewed.value.rows.map((r) => r.record as FirmImportRecord),
      columns: previewed.value.columns,
      now: NOW,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 252,
          column: '社会信用代码',
          message: `统一社会信用代码 ${existing.uscc} 已在平台注册（已注册公司）`,
          messageEn: `USCC ${existing.uscc} is already registered (已注册公司)`,
        },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  test('duplicate USCCs among the records are refused before the transaction', async () => {
    const u = uscc();
    const rec = (line: number): FirmImportRecord => ({
      line,
      name: `公司${line}`,
      uscc: u,
      size: null,
      district: 'wuchang',
      domains: [],
      certifications: [],
      employees: null,
      foundedYear: null,
      description: '',
      capability: '',
      website: null,
      contactName: null,
      contactPhone: null,
      contactEmail: null,
    });
    const before = await counts();
    const result = await commitFirmImport(db, { actorUserId: userId, records: [rec(2), rec(3)], now: NOW });
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, column: '统一社会信用代码' }] });
    expect(await counts()).toEqual(before);
  });
});
