import {
  type CertificationBody,
  type CertificationView,
  digestOf,
  type FirmCaseBody,
  type FirmDetail,
  type FirmListQuery,
  type FirmPage,
  type FirmProfilePatchBody,
  type FirmSummary,
  type ProductBody,
  type ProductListQuery,
  type ProductPage,
  type ProductPatchBody,
  type ProductView,
} from '@scx/core';
import { type AnyColumn, and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { certifications, firmCases, organizations, products } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { type Cursor, encodeCursor } from './cursor.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

/** What a write on a firm, product or call answers when it does not happen (nothing is written then). */
export type EditResult<T> = WriteResult<T>;

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Keyset condition and order for a (key, id) sort; the row-value comparison is one index range. */
function keyset(k: AnyColumn, i: AnyColumn, dir: 'asc' | 'desc', cursor: Cursor | null) {
  return {
    after: cursor
      ? dir === 'asc'
        ? sql`(${k}, ${i}) > (${cursor[0]}, ${cursor[1]})`
        : sql`(${k}, ${i}) < (${cursor[0]}, ${cursor[1]})`
      : undefined,
    order: dir === 'asc' ? [asc(k), asc(i)] : [desc(k), desc(i)],
  };
}

/** Only approved firms are public; pending, rejected and suspended ones do not exist for the public. */
const publicFirm = and(eq(organizations.kind, 'firm'), eq(organizations.status, 'approved'));

// ---------------------------------------------------------------------------------------------
// Public reads

const FIRM_SORT_KEYS = {
  name: { col: organizations.name, field: 'name', dir: 'asc' },
  '-created': { col: organizations.createdAt, field: 'createdAt', dir: 'desc' },
} as const;

/**
 * The outer row's columns, always table-qualified: drizzle writes a single-table select's columns bare,
 * and inside a correlated subquery a bare "id" would mean the subquery's own table.
 */
const org = {
  id: sql`"organizations"."id"`,
  domains: sql`"organizations"."domains"`,
};

/** The firm directory's one statement, unexecuted (certifications and product counts are subqueries). */
export function publicFirmsQuery(db: Db, q: FirmListQuery, cursor: Cursor | null, now: Date) {
  const at = now.toISOString();
  const sort = FIRM_SORT_KEYS[q.sort];
  const where: (SQL | undefined)[] = [publicFirm];
  if (q.district) where.push(eq(organizations.district, q.district));
  if (q.size) where.push(eq(organizations.size, q.size));
  if (q.domain) {
    where.push(sql`exists (select 1 from json_each(${org.domains}) where value = ${q.domain})`);
  }
  if (q.cert) {
    // A certification counts while it is valid: expired ones are shown, flagged, but never qualify.
    where.push(sql`exists (select 1 from ${certifications} c
      where c.org_id = ${org.id} and c.code = ${q.cert}
        and coalesce(c.level, 0) >= ${q.certLevel ?? 0}
        and (c.expires_at is null or c.expires_at > ${at}))`);
  }
  if (q.q) where.push(sql`${organizations.name} like ${likePattern(q.q)} escape '\\'`);
  const ks = keyset(sort.col, organizations.id, sort.dir, cursor);
  where.push(ks.after);
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      district: organizations.district,
      size: organizations.size,
      localTaxResident: organizations.localTaxResident,
      domains: organizations.domains,
      description: organizations.description,
      createdAt: organizations.createdAt,
      certifications: sql<string>`(select coalesce(json_group_array(json_object(
          'code', x.code, 'level', x.level,
          'expired', x.expires_at is not null and x.expires_at <= ${at})), '[]')
        from (select code, level, expires_at from ${certifications} c2
              where c2.org_id = ${org.id} order by code, level desc) x)`,
      productCount: sql<number>`(select count(*) from ${products} p
        where p.firm_id = ${org.id} and p.status = 'listed')`,
    })
    .from(organizations)
    .where(and(...where))
    .orderBy(...ks.order)
    .limit(q.limit + 1);
}

/** Approved firms, filtered, keyset-paginated by (name, id) or (createdAt, id): one statement per page. */
export async function listPublicFirms(
  db: Db,
  q: FirmListQuery,
  cursor: Cursor | null,
  now: Date,
): Promise<FirmPage> {
  const rows = await publicFirmsQuery(db, q, cursor, now);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const field = FIRM_SORT_KEYS[q.sort].field;
  const items: FirmSummary[] = page.map((r) => ({
    ...r,
    certifications: (
      JSON.parse(r.certifications) as { code: string; level: number | null; expired: number }[]
    ).map((c) => ({ code: c.code, level: c.level, expired: Boolean(c.expired) })),
    productCount: Number(r.productCount),
  }));
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last[field], last.id]) : null,
  };
}

const productColumns = {
  id: products.id,
  name: products.name,
  summary: products.summary,
  description: products.description,
  domains: products.domains,
  areas: products.areas,
  recommendedCatalog: products.recommendedCatalog,
  firstEdition: products.firstEdition,
  xinchuang: products.xinchuang,
  priceFromFen: products.priceFromFen,
  deployments: products.deployments,
  status: products.status,
  firmId: organizations.id,
  firmName: organizations.name,
  version: products.version,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};
type ProductRow = Omit<ProductView, 'firm'> & { firmId: string; firmName: string };
const toProduct = ({ firmId, firmName, ...r }: ProductRow): ProductView => ({
  ...r,
  firm: { id: firmId, name: firmName },
});

const certificationView = (c: typeof certifications.$inferSelect, at: string): CertificationView => ({
  id: c.id,
  code: c.code,
  level: c.level,
  issuer: c.issuer,
  certificateNo: c.certificateNo,
  issuedAt: c.issuedAt,
  expiresAt: c.expiresAt,
  expired: c.expiresAt !== null && c.expiresAt <= at,
});

/**
 * A public firm profile with its certifications (expired ones flagged), cases and listed products:
 * four statements in one batch, one round trip. Null unless the firm is approved.
 */
export async function getPublicFirm(db: Db, id: string, now: Date): Promise<FirmDetail | null> {
  const at = now.toISOString();
  const [orgs, certs, cases, prods] = await db.batch([
    db
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, id), publicFirm))
      .limit(1),
    db
      .select()
      .from(certifications)
      .where(eq(certifications.orgId, id))
      .orderBy(asc(certifications.code), desc(certifications.level), asc(certifications.id)),
    db
      .select()
      .from(firmCases)
      .where(eq(firmCases.orgId, id))
      .orderBy(desc(firmCases.year), desc(firmCases.id)),
    db
      .select(productColumns)
      .from(products)
      .innerJoin(organizations, eq(organizations.id, products.firmId))
      .where(and(eq(products.firmId, id), eq(products.status, 'listed')))
      .orderBy(desc(products.createdAt), desc(products.id)),
  ]);
  const o = orgs[0];
  if (!o) return null;
  return {
    id: o.id,
    name: o.name,
    uscc: o.uscc,
    district: o.district,
    size: o.size,
    localTaxResident: o.localTaxResident,
    domains: o.domains,
    description: o.description,
    capability: o.capability,
    employees: o.employees,
    foundedYear: o.foundedYear,
    website: o.website,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    approvedAt: o.approvedAt,
    version: o.version,
    updatedAt: o.updatedAt,
    certifications: certs.map((c) => certificationView(c, at)),
    cases: cases.map((c) => ({
      id: c.id,
      title: c.title,
      client: c.client,
      year: c.year,
      amountFen: c.amountFen,
      domain: c.domain,
      area: c.area,
      description: c.description,
    })),
    products: prods.map(toProduct),
  };
}

const PRODUCT_SORT_KEYS = {
  '-created': { col: products.createdAt, field: 'createdAt', dir: 'desc' },
  name: { col: products.name, field: 'name', dir: 'asc' },
} as const;

/** The product pool's one statement (products ⋈ firm), unexecuted. */
export function publicProductsQuery(db: Db, q: ProductListQuery, cursor: Cursor | null) {
  const sort = PRODUCT_SORT_KEYS[q.sort];
  const where: (SQL | undefined)[] = [eq(products.status, 'listed'), publicFirm];
  if (q.firm) where.push(eq(products.firmId, q.firm));
  if (q.domain)
    where.push(sql`exists (select 1 from json_each(${products.domains}) where value = ${q.domain})`);
  if (q.area) where.push(sql`exists (select 1 from json_each(${products.areas}) where value = ${q.area})`);
  if (q.recommendedCatalog !== undefined) where.push(eq(products.recommendedCatalog, q.recommendedCatalog));
  if (q.firstEdition !== undefined) where.push(eq(products.firstEdition, q.firstEdition));
  if (q.xinchuang !== undefined) where.push(eq(products.xinchuang, q.xinchuang));
  if (q.q) {
    const p = likePattern(q.q);
    where.push(sql`(${products.name} like ${p} escape '\\' or ${products.summary} like ${p} escape '\\')`);
  }
  const ks = keyset(sort.col, products.id, sort.dir, cursor);
  where.push(ks.after);
  return db
    .select(productColumns)
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.firmId))
    .where(and(...where))
    .orderBy(...ks.order)
    .limit(q.limit + 1);
}

/** Listed products of approved firms, filtered and keyset-paginated: one statement per page. */
export async function listPublicProducts(
  db: Db,
  q: ProductListQuery,
  cursor: Cursor | null,
): Promise<ProductPage> {
  const rows = await publicProductsQuery(db, q, cursor);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const field = PRODUCT_SORT_KEYS[q.sort].field;
  return {
    items: page.map(toProduct),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last[field], last.id]) : null,
  };
}

/** One listed product of an approved firm, or (for its own firm) any of its products. */
export async function getProduct(db: Db, id: string, ownerFirmId?: string): Promise<ProductView | null> {
  const [row] = await db
    .select(productColumns)
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.firmId))
    .where(
      and(
        eq(products.id, id),
        ownerFirmId ? eq(products.firmId, ownerFirmId) : and(eq(products.status, 'listed'), publicFirm),
      ),
    )
    .limit(1);
  return row ? toProduct(row) : null;
}

/** A firm's own products in any status (its worklist), newest first. */
export async function listFirmProducts(db: Db, firmId: string): Promise<ProductView[]> {
  const rows = await db
    .select(productColumns)
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.firmId))
    .where(eq(products.firmId, firmId))
    .orderBy(desc(products.createdAt), desc(products.id));
  return rows.map(toProduct);
}

// ---------------------------------------------------------------------------------------------
// Writes: each in one transaction with its audit entry

/** The firm row inside a write; `forbidden` when the acting firm is another one. */
async function lockFirm(tx: Tx, firmId: string, actingFirmId: string) {
  const [cur] = await tx
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, firmId), eq(organizations.kind, 'firm')));
  if (!cur) return { ok: false as const, reason: 'not_found' as const };
  if (cur.id !== actingFirmId) return { ok: false as const, reason: 'forbidden' as const };
  return { ok: true as const, firm: cur };
}

/** Versioned profile edit (organizations.version is the profile's ETag). */
export async function updateFirmProfile(
  db: Db,
  input: { firmId: string; actingFirmId: string; expectedVersion: number; patch: FirmProfilePatchBody },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const f = await lockFirm(tx, input.firmId, input.actingFirmId);
    if (!f.ok) return f;
    const cur = f.firm;
    if (cur.version !== input.expectedVersion) return { ok: false, reason: 'version', version: cur.version };
    const [next] = await tx
      .update(organizations)
      .set({ ...input.patch, updatedAt: at, version: sql`${organizations.version} + 1` })
      .where(and(eq(organizations.id, cur.id), eq(organizations.version, input.expectedVersion)))
      .returning({ version: organizations.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'firm.update',
      entityType: 'organization',
      entityId: cur.id,
      beforeDigest: await digestOf(cur),
      afterDigest: await digestOf({ ...cur, ...input.patch }),
      data: { fields: Object.keys(input.patch).sort() },
    });
    return { ok: true, value: { version: next.version } };
  });
}

/**
 * Certifications and cases are part of the profile: adding or removing one bumps the firm's version
 * (so its ETag changes); If-Match is optional for these and checked when sent. The write transaction
 * holds the lock from its first statement, so the version read inside it cannot move underneath.
 */
async function bumpFirm(tx: Tx, firmId: string, current: number, at: string): Promise<number> {
  const [next] = await tx
    .update(organizations)
    .set({ updatedAt: at, version: sql`${organizations.version} + 1` })
    .where(and(eq(organizations.id, firmId), eq(organizations.version, current)))
    .returning({ version: organizations.version });
  if (!next) throw new Error(`firm ${firmId} changed inside its own write transaction`);
  return next.version;
}

const staleFirm = (expected: number | undefined, current: number) =>
  expected !== undefined && expected !== current
    ? ({ ok: false, reason: 'version', version: current } as const)
    : null;

export async function addCertification(
  db: Db,
  input: { firmId: string; actingFirmId: string; expectedVersion?: number; cert: CertificationBody },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ id: string; version: number }>> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  return db.transaction(async (tx) => {
    const f = await lockFirm(tx, input.firmId, input.actingFirmId);
    if (!f.ok) return f;
    const stale = staleFirm(input.expectedVersion, f.firm.version);
    if (stale) return stale;
    const version = await bumpFirm(tx, f.firm.id, f.firm.version, at);
    const c = input.cert;
    await tx.insert(certifications).values({
      id,
      orgId: f.firm.id,
      code: c.code,
      level: c.level ?? null,
      issuer: c.issuer ?? null,
      certificateNo: c.certificateNo ?? null,
      issuedAt: c.issuedAt ?? null,
      expiresAt: c.expiresAt ?? null,
      createdAt: at,
    });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'firm.certification.add',
      entityType: 'organization',
      entityId: f.firm.id,
      afterDigest: await digestOf(c),
      data: { certificationId: id, code: c.code, level: c.level ?? null, expiresAt: c.expiresAt ?? null },
    });
    return { ok: true, value: { id, version } };
  });
}

export async function removeCertification(
  db: Db,
  input: { firmId: string; actingFirmId: string; certificationId: string; expectedVersion?: number },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const f = await lockFirm(tx, input.firmId, input.actingFirmId);
    if (!f.ok) return f;
    const stale = staleFirm(input.expectedVersion, f.firm.version);
    if (stale) return stale;
    const [gone] = await tx
      .delete(certifications)
      .where(and(eq(certifications.id, input.certificationId), eq(certifications.orgId, f.firm.id)))
      .returning();
    if (!gone) return { ok: false, reason: 'not_found', detail: 'certification' };
    const version = await bumpFirm(tx, f.firm.id, f.firm.version, at);
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'firm.certification.remove',
      entityType: 'organization',
      entityId: f.firm.id,
      beforeDigest: await digestOf(gone),
      data: { certificationId: gone.id, code: gone.code, level: gone.level },
    });
    return { ok: true, value: { version } };
  });
}

export async function addFirmCase(
  db: Db,
  input: { firmId: string; actingFirmId: string; expectedVersion?: number; case: FirmCaseBody },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ id: string; version: number }>> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  return db.transaction(async (tx) => {
    const f = await lockFirm(tx, input.firmId, input.actingFirmId);
    if (!f.ok) return f;
    const stale = staleFirm(input.expectedVersion, f.firm.version);
    if (stale) return stale;
    const version = await bumpFirm(tx, f.firm.id, f.firm.version, at);
    await tx.insert(firmCases).values({ ...input.case, id, orgId: f.firm.id, createdAt: at });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'firm.case.add',
      entityType: 'organization',
      entityId: f.firm.id,
      afterDigest: await digestOf(input.case),
      data: { caseId: id, title: input.case.title, year: input.case.year },
    });
    return { ok: true, value: { id, version } };
  });
}

export async function removeFirmCase(
  db: Db,
  input: { firmId: string; actingFirmId: string; caseId: string; expectedVersion?: number },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const f = await lockFirm(tx, input.firmId, input.actingFirmId);
    if (!f.ok) return f;
    const stale = staleFirm(input.expectedVersion, f.firm.version);
    if (stale) return stale;
    const [gone] = await tx
      .delete(firmCases)
      .where(and(eq(firmCases.id, input.caseId), eq(firmCases.orgId, f.firm.id)))
      .returning();
    if (!gone) return { ok: false, reason: 'not_found', detail: 'case' };
    const version = await bumpFirm(tx, f.firm.id, f.firm.version, at);
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'firm.case.remove',
      entityType: 'organization',
      entityId: f.firm.id,
      beforeDigest: await digestOf(gone),
      data: { caseId: gone.id, title: gone.title },
    });
    return { ok: true, value: { version } };
  });
}

export async function createProduct(
  db: Db,
  input: ProductBody,
  firmId: string,
  actor: Actor,
  now: Date,
): Promise<{ id: string; version: number }> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  return db.transaction(async (tx) => {
    await tx.insert(products).values({
      ...input,
      id,
      firmId,
      status: 'listed',
      createdAt: at,
      updatedAt: at,
    });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'product.create',
      entityType: 'product',
      entityId: id,
      afterDigest: await digestOf(input),
      data: { name: input.name },
    });
    return { id, version: 1 };
  });
}

/** Versioned product edit by its own firm (listed or delisted). */
export async function updateProduct(
  db: Db,
  input: { id: string; firmId: string; expectedVersion: number; patch: ProductPatchBody },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(products).where(eq(products.id, input.id));
    if (!cur) return { ok: false, reason: 'not_found' };
    if (cur.firmId !== input.firmId) return { ok: false, reason: 'forbidden' };
    if (cur.version !== input.expectedVersion) return { ok: false, reason: 'version', version: cur.version };
    const [next] = await tx
      .update(products)
      .set({ ...input.patch, updatedAt: at, version: sql`${products.version} + 1` })
      .where(and(eq(products.id, input.id), eq(products.version, input.expectedVersion)))
      .returning({ version: products.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'product.update',
      entityType: 'product',
      entityId: input.id,
      beforeDigest: await digestOf(cur),
      afterDigest: await digestOf({ ...cur, ...input.patch }),
      data: { fields: Object.keys(input.patch).sort() },
    });
    return { ok: true, value: { version: next.version } };
  });
}

/** Delist (taken out of the pool, never deleted) or relist; If-Match optional, checked when sent. */
export async function setProductListing(
  db: Db,
  input: { id: string; firmId: string; action: 'delist' | 'relist'; expectedVersion?: number },
  actor: Actor,
  now: Date,
): Promise<EditResult<{ status: 'listed' | 'delisted'; version: number }>> {
  const at = now.toISOString();
  const to = input.action === 'delist' ? 'delisted' : 'listed';
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(products).where(eq(products.id, input.id));
    if (!cur) return { ok: false, reason: 'not_found' };
    if (cur.firmId !== input.firmId) return { ok: false, reason: 'forbidden' };
    if (input.expectedVersion !== undefined && cur.version !== input.expectedVersion) {
      return { ok: false, reason: 'version', version: cur.version };
    }
    if (cur.status === to) {
      return {
        ok: false,
        reason: 'illegal',
        detail: `product cannot '${input.action}' from '${cur.status}'`,
      };
    }
    const [next] = await tx
      .update(products)
      .set({ status: to, updatedAt: at, version: sql`${products.version} + 1` })
      .where(and(eq(products.id, input.id), eq(products.version, cur.version)))
      .returning({ version: products.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: `product.${input.action}`,
      entityType: 'product',
      entityId: input.id,
      data: { from: cur.status, to },
    });
    return { ok: true, value: { status: to, version: next.version } };
  });
}
