import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { checkUscc, DISTRICTS, SOFTWARE_DOMAINS, verifyPassword } from '@scx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';
import { DEMO_LOGINS, type SeedSummary, seedDatabase } from '../src/seed/index.ts';

const NOW = new Date('2026-11-21T08:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'scx-seed-'));
const clients: Client[] = [];
let n = 0;

async function freshDb(): Promise<Client> {
  const client = createClient({ url: `file:${join(dir, `seed-${n++}.db`)}` });
  clients.push(client);
  await migrate(client, MIGRATIONS);
  return client;
}

const rows = async (c: Client, sql: string) => (await c.execute(sql)).rows;
const scalar = async (c: Client, sql: string) => Number((await c.execute(sql)).rows[0]?.[0] ?? 0);

/** A digest of the seeded text content, in a stable order. */
async function contentHash(c: Client): Promise<string> {
  const h = createHash('sha256');
  for (const sql of [
    'SELECT id, name, uscc, description, capability FROM organizations ORDER BY id',
    'SELECT id, title, summary, problem, goals, kpis, budget_fen, deadline FROM scenarios ORDER BY id',
    'SELECT id, name, summary FROM products ORDER BY id',
    'SELECT id, title, client FROM firm_cases ORDER BY id',
    'SELECT id, name, title FROM experts ORDER BY id',
    'SELECT id, scenario_id, kind, code, level, description FROM scenario_requirements ORDER BY id',
  ]) {
    for (const r of await rows(c, sql)) h.update(JSON.stringify(Object.values(r)));
  }
  return h.digest('hex');
}

afterAll(() => {
  for (const c of clients) c.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedDatabase (defaults)', () => {
  let db: Client;
  let summary: SeedSummary;

  beforeAll(async () => {
    db = await freshDb();
    summary = await seedDatabase(db, { now: NOW });
  });

  it('meets the minimum counts', async () => {
    expect(
      await scalar(db, "SELECT count(*) FROM scenarios WHERE kind = 'scenario' AND status = 'published'"),
    ).toBeGreaterThanOrEqual(200);
    expect(
      await scalar(db, "SELECT count(*) FROM scenarios WHERE kind = 'challenge' AND status = 'published'"),
    ).toBeGreaterThanOrEqual(10);
    expect(await scalar(db, "SELECT count(*) FROM organizations WHERE kind = 'firm'")).toBeGreaterThanOrEqual(
      500,
    );
    expect(await scalar(db, 'SELECT count(*) FROM products')).toBeGreaterThanOrEqual(800);
    expect(
      await scalar(db, "SELECT count(*) FROM organizations WHERE kind = 'agency'"),
    ).toBeGreaterThanOrEqual(30);
    expect(await scalar(db, "SELECT count(*) FROM organizations WHERE kind = 'organizer'")).toBe(1);
    expect(await scalar(db, 'SELECT count(*) FROM experts')).toBeGreaterThanOrEqual(40);
    expect(await scalar(db, 'SELECT count(*) FROM calls')).toBe(2);
    expect(summary.counts.firms).toBe(
      await scalar(db, "SELECT count(*) FROM organizations WHERE kind = 'firm'"),
    );
  });

  it('covers all ten domains, the application areas and at least eight districts', async () => {
    const published = "FROM scenarios WHERE status = 'published'";
    const domains = (await rows(db, `SELECT DISTINCT domain ${published}`)).map((r) => r.domain);
    expect(new Set(domains)).toEqual(new Set(SOFTWARE_DOMAINS.map((d) => d.code)));
    expect(await scalar(db, `SELECT count(DISTINCT area) ${published}`)).toBeGreaterThanOrEqual(12);
    const districts = (await rows(db, `SELECT DISTINCT district ${published}`)).map((r) =>
      String(r.district),
    );
    expect(districts.length).toBeGreaterThanOrEqual(8);
    for (const d of districts) expect(DISTRICTS.some((x) => x.code === d)).toBe(true);
    expect(districts).toEqual(expect.arrayContaining(['east-lake-hightech', 'wuhan-econ-dev']));
    const challengeDomains = await scalar(
      db,
      "SELECT count(DISTINCT domain) FROM scenarios WHERE kind = 'challenge' AND status = 'published'",
    );
    expect(challengeDomains).toBeGreaterThanOrEqual(4);
  });

  it('has scenarios in every workflow state, and published deadlines 2–10 weeks ahead', async () => {
    const states = (await rows(db, 'SELECT DISTINCT status FROM scenarios')).map((r) => r.status);
    expect(states).toEqual(
      expect.arrayContaining(['draft', 'submitted', 'returned', 'published', 'bidding_closed', 'awarded']),
    );
    const range = (
      await rows(
        db,
        "SELECT min(deadline) AS lo, max(deadline) AS hi, count(*) - count(published_at) AS unpublished FROM scenarios WHERE status = 'published'",
      )
    )[0];
    expect(Date.parse(String(range?.lo)) - NOW.getTime()).toBeGreaterThan(13 * 86_400_000);
    expect(Date.parse(String(range?.hi)) - NOW.getTime()).toBeLessThan(71 * 86_400_000);
    expect(range?.unpublished).toBe(0);
  });

  it('gives challenges rewards, subsidies, 1–3 winners and KPIs', async () => {
    const list = await rows(
      db,
      "SELECT reward_fen, subsidy_fen, winners_max, kpis FROM scenarios WHERE kind = 'challenge' AND status = 'published'",
    );
    for (const c of list) {
      expect(Number(c.reward_fen)).toBeGreaterThan(0);
      expect(Number(c.subsidy_fen)).toBeGreaterThan(0);
      expect(Number(c.winners_max)).toBeGreaterThanOrEqual(1);
      expect(Number(c.winners_max)).toBeLessThanOrEqual(3);
      const kpis = JSON.parse(String(c.kpis)) as { name: string; target: string }[];
      expect(kpis.length).toBeGreaterThanOrEqual(2);
      for (const k of kpis) expect(k.target).toMatch(/\d/);
    }
    expect(list.some((c) => Number(c.winners_max) > 1)).toBe(true);
    expect(
      await scalar(db, "SELECT count(*) FROM scenarios WHERE kind = 'challenge' AND consortium_allowed = 1"),
    ).toBeGreaterThan(0);
  });

  it('gives every organization a valid, unique USCC', async () => {
    const codes = (await rows(db, 'SELECT uscc FROM organizations')).map((r) => String(r.uscc));
    for (const c of codes) expect(checkUscc(c)).toEqual({ ok: true, value: c });
    expect(new Set(codes).size).toBe(codes.length);
    expect(await scalar(db, 'SELECT count(DISTINCT name) = count(*) FROM organizations')).toBe(1);
  });

  it('stores money as integer fen in plausible ranges', async () => {
    const money = [
      ['scenarios', 'budget_fen'],
      ['scenarios', 'reward_fen'],
      ['scenarios', 'subsidy_fen'],
      ['products', 'price_from_fen'],
      ['firm_cases', 'amount_fen'],
      ['bids', 'price_fen'],
      ['awards', 'amount_fen'],
      ['awards', 'subsidy_fen'],
    ];
    for (const [table, col] of money) {
      const bad = await scalar(
        db,
        `SELECT count(*) FROM ${table} WHERE ${col} IS NOT NULL AND (typeof(${col}) <> 'integer' OR ${col} < 0)`,
      );
      expect(bad, `${table}.${col}`).toBe(0);
    }
    const b = (
      await rows(
        db,
        "SELECT min(budget_fen) AS lo, max(budget_fen) AS hi FROM scenarios WHERE kind = 'scenario'",
      )
    )[0];
    expect(Number(b?.lo)).toBeGreaterThanOrEqual(50 * 1_000_000);
    expect(Number(b?.hi)).toBeLessThanOrEqual(2000 * 1_000_000);
  });

  it('writes realistic Chinese text, never placeholders', async () => {
    const texts = [
      ...(await rows(db, 'SELECT title, summary, problem, goals FROM scenarios')),
      ...(await rows(db, 'SELECT name, description FROM organizations')),
      ...(await rows(db, "SELECT capability FROM organizations WHERE kind = 'firm'")),
      ...(await rows(db, 'SELECT name, summary, description FROM products')),
      ...(await rows(db, 'SELECT title, client, description FROM firm_cases')),
    ].flatMap((r) => Object.values(r).map(String));
    const placeholder =
      /lorem|ipsum|dolor|placeholder|todo|xxx|test|foo|bar|undefined|null|NaN|\{|\}|某某|示例/i;
    for (const t of texts) {
      expect(t, t).not.toMatch(placeholder);
      expect(t.length).toBeGreaterThan(0);
    }
    const titles = (await rows(db, "SELECT title FROM scenarios WHERE status = 'published'")).map((r) =>
      String(r.title),
    );
    for (const t of titles) expect(t).toMatch(/[\u4e00-\u9fff]{6,}/);
    // Varied: published titles are unique.
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('shares vocabulary between a scenario and firms of its domain (for text matching)', async () => {
    const s = (
      await rows(
        db,
        "SELECT title, goals, domain FROM scenarios WHERE status = 'published' AND domain = 'geospatial' LIMIT 1",
      )
    )[0];
    const firms = await rows(
      db,
      "SELECT o.capability || group_concat(p.description) AS text FROM organizations o JOIN products p ON p.firm_id = o.id WHERE o.domains LIKE '%geospatial%' GROUP BY o.id",
    );
    const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(String(s?.goals))]
      .map((w) => w.segment)
      .filter((w) => w.length >= 2 && /[\u4e00-\u9fff]/.test(w));
    const hits = firms.filter((f) => words.filter((w) => String(f.text).includes(w)).length >= 5);
    expect(hits.length).toBeGreaterThan(0);
  });

  it('gives realistic certifications with levels and expiry', async () => {
    const certs = await rows(db, 'SELECT code, level, issued_at, expires_at FROM certifications');
    const codes = new Set(certs.map((c) => c.code));
    for (const c of ['CSMM', 'DCMM', 'CMMI', 'ISO27001', 'XINCHUANG', 'ZJTX', 'HNTE'])
      expect(codes.has(c)).toBe(true);
    for (const c of certs) {
      if (['CSMM', 'DCMM', 'CMMI'].includes(String(c.code))) {
        expect(Number(c.level)).toBeGreaterThanOrEqual(1);
        expect(Number(c.level)).toBeLessThanOrEqual(5);
      }
      expect(String(c.expires_at) > String(c.issued_at)).toBe(true);
    }
    const sizes = await rows(
      db,
      "SELECT size, count(*) AS n FROM organizations WHERE kind = 'firm' GROUP BY size",
    );
    const bySize = Object.fromEntries(sizes.map((r) => [r.size, Number(r.n)]));
    expect((bySize.small ?? 0) + (bySize.micro ?? 0)).toBeGreaterThan(
      (bySize.medium ?? 0) + (bySize.large ?? 0),
    );
    expect(
      await scalar(
        db,
        "SELECT count(*) FROM scenario_requirements WHERE kind = 'certification' AND level IS NOT NULL",
      ),
    ).toBeGreaterThan(0);
  });

  it('creates working demo logins for every role', async () => {
    expect(summary.demoLogins).toEqual(DEMO_LOGINS);
    for (const d of DEMO_LOGINS) {
      expect(d.password.length).toBeGreaterThanOrEqual(10);
      const u = (
        await rows(
          db,
          `SELECT u.id, u.password_hash, u.platform_role, m.role, o.name, o.status, o.kind
             FROM users u JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.org_id
            WHERE u.email = '${d.email}'`,
        )
      )[0];
      expect(u, d.email).toBeDefined();
      expect(u?.name).toBe(d.organization);
      expect(u?.status).toBe('approved');
      expect(await verifyPassword(d.password, String(u?.password_hash))).toBe(true);
      expect(await verifyPassword('wrong-password', String(u?.password_hash))).toBe(false);
      if (d.role === 'organizer_admin')
        expect([u?.platform_role, u?.role, u?.kind]).toEqual(['organizer_admin', 'admin', 'organizer']);
      if (d.role === 'agency_admin') expect([u?.role, u?.kind]).toEqual(['admin', 'agency']);
      if (d.role === 'firm_admin') expect([u?.role, u?.kind]).toEqual(['admin', 'firm']);
      if (d.role === 'expert') {
        expect([u?.role, u?.kind]).toEqual(['expert', 'expert-body']);
        expect(await scalar(db, `SELECT count(*) FROM experts WHERE user_id = '${u?.id}'`)).toBe(1);
      }
    }
    const firm = await scalar(
      db,
      "SELECT count(*) FROM products p JOIN organizations o ON o.id = p.firm_id WHERE o.name = '武汉光谷智联科技有限公司'",
    );
    expect(firm).toBeGreaterThan(0);
    expect(
      await scalar(
        db,
        "SELECT count(*) FROM bids b JOIN organizations o ON o.id = b.lead_firm_id WHERE o.name = '武汉光谷智联科技有限公司'",
      ),
    ).toBeGreaterThan(0);
  });

  it('keeps the per-call lead limit the API enforces (3 applications per firm and call)', async () => {
    const over = await rows(
      db,
      `SELECT b.lead_firm_id, s.call_id, count(*) AS n FROM bids b JOIN scenarios s ON s.id = b.scenario_id
       WHERE s.call_id IS NOT NULL AND b.status NOT IN ('draft', 'withdrawn')
       GROUP BY 1, 2 HAVING count(*) > 3`,
    );
    expect(over).toEqual([]);
  });

  it('gives the demo agency a closed challenge ready for evaluation by hand, with the demo expert eligible', async () => {
    const [challenge] = await rows(
      db,
      `SELECT s.id, s.domain FROM scenarios s
       JOIN memberships m ON m.org_id = s.issuer_id JOIN users u ON u.id = m.user_id
       WHERE u.email = 'agency@demo.scx' AND s.kind = 'challenge' AND s.status = 'bidding_closed'`,
    );
    expect(challenge).toBeDefined();
    const bidders = await rows(
      db,
      `SELECT o.name FROM bids b JOIN organizations o ON o.id = b.lead_firm_id
       WHERE b.scenario_id = '${challenge?.id}' AND b.status = 'submitted'`,
    );
    expect(bidders.length).toBeGreaterThanOrEqual(3);
    expect(bidders.map((r) => r.name)).toContain('武汉光谷智联科技有限公司');
    const experts = await rows(
      db,
      `SELECT u.email FROM experts e JOIN json_each(e.domains) d ON d.value = '${challenge?.domain}'
       LEFT JOIN users u ON u.id = e.user_id WHERE e.active = 1`,
    );
    expect(experts.length).toBeGreaterThanOrEqual(3);
    expect(experts.map((r) => r.email)).toContain('expert@demo.scx');
  });

  it('keeps foreign keys consistent', async () => {
    expect(await rows(db, 'PRAGMA foreign_key_check')).toEqual([]);
  });
});

describe('seedDatabase (options)', () => {
  it('is deterministic for the same options', async () => {
    const a = await freshDb();
    const b = await freshDb();
    const opts = { scenarios: 40, firms: 60, products: 120, seed: 7, now: NOW };
    await seedDatabase(a, opts);
    await seedDatabase(b, opts);
    expect(await contentHash(a)).toBe(await contentHash(b));
    const c = await freshDb();
    await seedDatabase(c, { ...opts, seed: 8 });
    expect(await contentHash(c)).not.toBe(await contentHash(a));
  });

  it('honours small custom sizes', async () => {
    const db = await freshDb();
    const s = await seedDatabase(db, { scenarios: 5, firms: 3, products: 3, now: NOW });
    expect(await scalar(db, "SELECT count(*) FROM organizations WHERE kind = 'firm'")).toBe(3);
    expect(await scalar(db, 'SELECT count(*) FROM products')).toBe(3);
    expect(await scalar(db, "SELECT count(*) FROM scenarios WHERE status = 'published'")).toBe(5);
    expect(s.counts.publishedChallenges).toBeGreaterThanOrEqual(1);
    expect(await rows(db, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('is atomic: a failing seed leaves nothing behind, and replace wipes first', async () => {
    const db = await freshDb();
    await seedDatabase(db, { scenarios: 5, firms: 5, now: NOW });
    // Seeding again without replace collides on unique emails/USCCs and must roll back entirely.
    const before = await scalar(db, 'SELECT count(*) FROM organizations');
    await expect(seedDatabase(db, { scenarios: 5, firms: 5, seed: 99, now: NOW })).rejects.toThrow();
    expect(await scalar(db, 'SELECT count(*) FROM organizations')).toBe(before);
    await seedDatabase(db, { scenarios: 6, firms: 7, now: NOW, replace: true });
    expect(await scalar(db, "SELECT count(*) FROM organizations WHERE kind = 'firm'")).toBe(7);
  });

  it('rejects nonsense sizes', async () => {
    const db = await freshDb();
    await expect(seedDatabase(db, { firms: -1 })).rejects.toThrow(RangeError);
    await expect(seedDatabase(db, { scenarios: 1.5 })).rejects.toThrow(RangeError);
  });
});
