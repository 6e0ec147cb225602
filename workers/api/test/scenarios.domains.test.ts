import { createLocalEmbedder, parseJsonLines } from '@scx/core';
import { drainAllMatchQueue, importDataset, recommendScenarios, schema } from '@scx/db';
import { makeFirm, makeScenario } from '@scx/db/factories';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const DRAFT = {
  kind: 'scenario',
  title: '银行交易反欺诈风险监测平台',
  domain: 'industry-it',
  area: 'finance',
  district: 'jiangan',
};

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const count = async (sql: string) => Number((await t.client.execute(sql)).rows[0]?.n);

describe('a scenario with several software domains', () => {
  test('is drafted, edited and published with its further domains; the hall, page and worklist show them', async () => {
    t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
    const agency = await signIn(t, { kind: 'agency' });
    const organizer = await signIn(t, { kind: 'organizer' });
    const created = await send(agency, 'POST', '/api/v1/workspace/scenarios', {
      ...DRAFT,
      secondaryDomains: ['cybersecurity'],
    });
    expect(created.status).toBe(201);
    const { id } = await body(created);
    const url = `/api/v1/workspace/scenarios/${id}`;
    expect((await body(await send(agency, 'GET', url))).secondaryDomains).toEqual(['cybersecurity']);

    const edited = await send(
      agency,
      'PATCH',
      url,
      {
        secondaryDomains: ['cybersecurity', 'geospatial'],
        summary: '交易实时风控',
        problem: '电信诈骗资金快进快出',
        deadline: '2026-12-31T15:59:59.999Z',
      },
      { 'if-match': '"1"' },
    );
    expect(edited.status).toBe(200);
    const list = await body(await send(agency, 'GET', '/api/v1/workspace/scenarios'));
    expect(list.items[0]).toMatchObject({
      id,
      domain: 'industry-it',
      secondaryDomains: ['cybersecurity', 'geospatial'],
    });

    // A new primary domain that was a further one leaves the list (promoted).
    const promoted = await send(agency, 'PATCH', url, { domain: 'cybersecurity' }, { 'if-match': '"2"' });
    expect(promoted.status).toBe(200);
    const staff = await body(await send(agency, 'GET', url));
    expect([staff.domain, staff.secondaryDomains]).toEqual(['cybersecurity', ['geospatial']]);

    expect((await send(agency, 'POST', `${url}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await send(organizer, 'POST', `${url}/transitions`, { action: 'publish' })).status).toBe(200);
    const page = await body(await t.request(`/api/v1/scenarios/${id}`));
    expect([page.domain, page.secondaryDomains]).toEqual(['cybersecurity', ['geospatial']]);
    const hall = await body(await t.request('/api/v1/scenarios'));
    expect(hall.items[0]).toMatchObject({ id, secondaryDomains: ['geospatial'] });
  });

  test('bad further domains are a 422 naming the field and index; nothing is written', async () => {
    t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
    const agency = await signIn(t, { kind: 'agency' });
    const scenarios = 'SELECT count(*) AS n FROM scenarios';
    const audit = 'SELECT count(*) AS n FROM audit_log';
    const before = [await count(scenarios), await count(audit)];
    for (const [secondaryDomains, path] of [
      [['cybersecurity', 'quantum'], 'body.secondaryDomains.1'],
      [['eda', 'industry-it'], 'body.secondaryDomains.1'],
      [['eda', 'cybersecurity', 'eda'], 'body.secondaryDomains.2'],
      [['eda', 'cybersecurity', 'embedded', 'geospatial'], 'body.secondaryDomains'],
      ['eda', 'body.secondaryDomains'],
    ] as const) {
      const res = await send(agency, 'POST', '/api/v1/workspace/scenarios', { ...DRAFT, secondaryDomains });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await body(res)).errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expect([await count(scenarios), await count(audit)]).toEqual(before);

    // PATCH: checked against the stored primary domain; the version and the row stay as they were.
    const { id } = await body(
      await send(agency, 'POST', '/api/v1/workspace/scenarios', { ...DRAFT, secondaryDomains: ['eda'] }),
    );
    const url = `/api/v1/workspace/scenarios/${id}`;
    const clash = await send(
      agency,
      'PATCH',
      url,
      { secondaryDomains: ['cybersecurity', 'industry-it'] },
      {
        'if-match': '"1"',
      },
    );
    expect(clash.status).toBe(422);
    expect((await body(clash)).errors).toEqual([
      { path: 'body.secondaryDomains.1', message: 'is the primary domain already' },
    ]);
    const both = await send(
      agency,
      'PATCH',
      url,
      { domain: 'eda', secondaryDomains: ['eda'] },
      {
        'if-match': '"1"',
      },
    );
    expect((await body(both)).errors.map((e: { path: string }) => e.path)).toEqual([
      'body.secondaryDomains.0',
    ]);
    const row = await body(await send(agency, 'GET', url));
    expect([row.version, row.domain, row.secondaryDomains]).toEqual([1, 'industry-it', ['eda']]);
  });

  test('changing only the further domains re-queues the scenario’s match document', async () => {
    t = await makeTestApp();
    const s = await makeScenario(t.db, { title: '反欺诈' });
    await drainAllMatchQueue(t.db, createLocalEmbedder());
    const queued = `SELECT count(*) AS n FROM match_queue WHERE kind = 'scenario' AND ref_id = '${s.id}'`;
    expect(await count(queued)).toBe(0);
    await t.db
      .update(schema.scenarios)
      .set({ secondaryDomains: ['cybersecurity'] })
      .where(eq(schema.scenarios.id, s.id));
    expect(await count(queued)).toBe(1);
    await drainAllMatchQueue(t.db, createLocalEmbedder());
    const doc = await t.client.execute({
      sql: `SELECT f.tokens FROM demand_docs d JOIN demand_fts f ON f.rowid = d.seq WHERE d.scenario_id = ?`,
      args: [s.id],
    });
    expect(String(doc.rows[0]?.tokens)).toContain('zd_cybersecurity');
  });
});

describe('the JSON-lines data set import', () => {
  const line = (domains: string[]) =>
    JSON.stringify({
      type: 'scenario',
      id: 'S001',
      title: '银行反欺诈',
      description: '交易风险监测。',
      domains,
    });
  const records = (text: string) => parseJsonLines(text).records.map((r) => r.record);
  const stored = async () =>
    (
      await t.client.execute("SELECT domain, secondary_domains FROM scenarios WHERE external_id = 'S001'")
    ).rows.map((r) => [r.domain, JSON.parse(String(r.secondary_domains))]);

  test('keeps every domain: the first is primary, the rest further ones; a re-import replaces them', async () => {
    t = await makeTestApp();
    const now = new Date('2026-11-21T08:00:00.000Z');
    expect(parseJsonLines(line(['industry-it', 'cybersecurity'])).problems).toEqual([]);
    await importDataset(t.db, records(line(['industry-it', 'cybersecurity'])), { now });
    expect(await stored()).toEqual([['industry-it', ['cybersecurity']]]);
    const again = await importDataset(t.db, records(line(['cybersecurity', 'geospatial', 'eda'])), {
      now,
    });
    expect(again.scenarios).toEqual({ created: 0, updated: 1 });
    expect(await stored()).toEqual([['cybersecurity', ['geospatial', 'eda']]]);
    await importDataset(t.db, records(line(['eda'])), { now });
    expect(await stored()).toEqual([['eda', []]]);
  });

  test('a line repeating a domain or listing more than four is a problem naming the line', () => {
    expect(parseJsonLines(line(['eda', 'eda'])).problems).toMatchObject([{ line: 1, path: 'domains' }]);
    expect(
      parseJsonLines(line(['eda', 'cybersecurity', 'geospatial', 'embedded', 'automotive'])).problems,
    ).toMatchObject([{ line: 1, path: 'domains' }]);
  });
});

describe('matching over several domains', () => {
  const BRIEF = {
    title: '银行交易反欺诈风险监测平台',
    summary: '对网银和手机银行交易做实时风险监测，识别电信诈骗、盗刷和洗钱行为，拦截可疑交易。',
    problem: '诈骗资金快进快出，规则引擎误报高，人工复核压力大。',
    domain: 'industry-it',
    area: 'finance',
    district: 'jiangan',
  };

  test('a firm working only in a further domain earns the domain credit, and the reason names it', async () => {
    t = await makeTestApp();
    const agency = await signIn(t, { kind: 'agency' });
    const firm = await makeFirm(t.db, {
      name: '武汉盾安网络安全技术有限公司',
      domains: ['cybersecurity'],
      description: '交易反欺诈、实时风险监测、异常交易识别，服务银行和支付机构。',
    });
    const multi = await makeScenario(t.db, {
      ...BRIEF,
      issuerId: agency.orgId,
      secondaryDomains: ['cybersecurity'],
    });
    const single = await makeScenario(t.db, { ...BRIEF, issuerId: agency.orgId });
    await drainAllMatchQueue(t.db, createLocalEmbedder());
    const domainOf = async (scenarioId: string) => {
      const m = await body(
        await t.request(`/api/v1/scenarios/${scenarioId}/matches`, { headers: agency.headers }),
      );
      const r = m.results.find((x: { firm: { id: string } }) => x.firm.id === firm.id);
      return {
        value: r.breakdown.find((c: { feature: string }) => c.feature === 'domain').value as number,
        reason: r.reasons.find((x: { code: string }) => x.code === 'domain'),
      };
    };
    const listed = await body(
      await t.request(`/api/v1/scenarios/${multi.id}/matches`, { headers: agency.headers }),
    );
    expect(listed.scenario).toMatchObject({ domain: 'industry-it', secondaryDomains: ['cybersecurity'] });
    const withSecondary = await domainOf(multi.id);
    const without = await domainOf(single.id);
    // Without the further domain the firm has only what its concepts say about 行业信息化 (0.6 at most).
    expect(without.value).toBeLessThanOrEqual(0.6);
    expect(without.reason?.zh ?? '').not.toContain('网络安全');
    expect(withSecondary.value).toBeGreaterThan(without.value);
    expect(withSecondary.reason).toMatchObject({
      zh: '领域匹配：网络安全软件',
      en: 'Domain match: Cybersecurity software',
    });
  });

  test('recommendations find a scenario through its further domain (the structured filter)', async () => {
    t = await makeTestApp();
    const firm = await makeFirm(t.db, {
      name: '武汉盾安网络安全技术有限公司',
      domains: ['cybersecurity'],
      description: '等级保护测评、渗透测试、安全运营中心。',
    });
    // Text and vector candidates are cut to one, so only the domain filter can bring the others in.
    const decoy = await makeScenario(t.db, {
      title: '政务网络等级保护测评与渗透测试',
      summary: '等级保护测评、渗透测试、安全运营中心建设。',
      domain: 'eda',
    });
    const further = await makeScenario(t.db, {
      title: '智慧农业大棚环境监测',
      summary: '温湿度传感与灌溉控制。',
      domain: 'embedded',
      area: 'agriculture',
      secondaryDomains: ['geospatial', 'cybersecurity'],
    });
    const other = await makeScenario(t.db, {
      title: '智慧农业病虫害识别',
      summary: '图像识别病虫害。',
      domain: 'embedded',
      area: 'agriculture',
      secondaryDomains: ['geospatial'],
    });
    await drainAllMatchQueue(t.db, createLocalEmbedder());
    const r = await recommendScenarios(t.db, firm.id, {
      now: '2026-11-21T08:00:00.000Z',
      candidates: { vector: 1, text: 1 },
      nearMissMinScore: 0,
    });
    const ids = [...(r?.scenarios.keys() ?? [])];
    expect(ids).toContain(decoy.id);
    expect(ids).toContain(further.id);
    expect(ids).not.toContain(other.id);
    const result = r?.results.find((x) => x.scenarioId === further.id);
    expect(result?.reasons.find((x) => x.code === 'domain')?.zh).toBe('领域匹配：网络安全软件');
  });
});
