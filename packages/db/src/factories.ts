import type { Client } from '@libsql/client';
import { completeUscc, USCC_ALPHABET } from '@scx/core';
import type { Db } from './client.ts';
import { newId } from './ids.ts';
import {
  certifications,
  firmCases,
  organizations,
  products,
  scenarioRequirements,
  scenarios,
} from './schema/index.ts';

/**
 * Test factories: every test builds its own tenant with these (no shared seed ids).
 * Defaults are valid; pass overrides for what the test is about.
 */
let counter = 0;

export function randomUscc(): string {
  let body = '91420100';
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[Math.floor(Math.random() * 31)];
  return completeUscc(body);
}

type OrgInsert = typeof organizations.$inferInsert;
type ScenarioInsert = typeof scenarios.$inferInsert;

export async function makeOrganization(db: Db, o: Partial<OrgInsert> = {}) {
  const n = ++counter;
  const [row] = await db
    .insert(organizations)
    .values({
      id: newId(),
      kind: 'agency',
      status: 'approved',
      name: `测试单位${n}`,
      uscc: randomUscc(),
      district: 'hongshan',
      ...o,
    })
    .returning();
  if (!row) throw new Error('organization not inserted');
  return row;
}

export async function makeScenario(
  db: Db,
  o: Partial<ScenarioInsert> & {
    requirements?: Omit<typeof scenarioRequirements.$inferInsert, 'scenarioId'>[];
  } = {},
) {
  const { requirements, ...rest } = o;
  const issuerId = rest.issuerId ?? (await makeOrganization(db)).id;
  const n = ++counter;
  const [row] = await db
    .insert(scenarios)
    .values({
      id: newId(),
      kind: 'scenario',
      status: 'published',
      title: `测试场景${n}：智慧路口信号优化`,
      summary: '基于车路协同的路口信号配时优化',
      domain: 'industry-it',
      area: 'transport',
      district: 'wuchang',
      budgetFen: 5_000_000_00,
      deadline: '2026-12-31T16:00:00.000Z',
      publishedAt: rest.status === 'draft' || rest.status === 'submitted' ? null : '2026-11-01T00:00:00.000Z',
      ...rest,
      issuerId,
    })
    .returning();
  if (!row) throw new Error('scenario not inserted');
  if (requirements?.length) {
    await db.insert(scenarioRequirements).values(requirements.map((r) => ({ ...r, scenarioId: row.id })));
  }
  return row;
}

export async function countRows(client: Client, table: string): Promise<number> {
  const rs = await client.execute(`SELECT count(*) AS n FROM "${table}"`);
  return Number(rs.rows[0]?.n ?? 0);
}

/** An approved firm with certifications, past cases and listed products (matching tests). */
export async function makeFirm(
  db: Db,
  o: Partial<OrgInsert> & {
    certifications?: { code: string; level?: number | null; expiresAt?: string | null }[];
    cases?: {
      title: string;
      domain?: string | null;
      area?: string | null;
      description?: string;
      year?: number;
    }[];
    products?: Partial<typeof products.$inferInsert>[];
  } = {},
) {
  const { certifications: certs = [], cases = [], products: prods = [], ...org } = o;
  const firm = await makeOrganization(db, { kind: 'firm', status: 'approved', size: 'small', ...org });
  if (certs.length) {
    await db.insert(certifications).values(
      certs.map((c) => ({
        id: newId(),
        orgId: firm.id,
        code: c.code,
        level: c.level ?? null,
        expiresAt: c.expiresAt ?? null,
      })),
    );
  }
  if (cases.length) {
    await db.insert(firmCases).values(
      cases.map((c) => ({
        id: newId(),
        orgId: firm.id,
        title: c.title,
        client: '测试客户',
        year: c.year ?? 2025,
        domain: c.domain ?? null,
        area: c.area ?? null,
        description: c.description ?? '',
      })),
    );
  }
  const productRows = [];
  for (const p of prods) {
    const [row] = await db
      .insert(products)
      .values({ id: newId(), name: '测试产品', ...p, firmId: firm.id })
      .returning();
    if (row) productRows.push(row);
  }
  return { ...firm, products: productRows };
}
