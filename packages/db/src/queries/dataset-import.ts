import {
  completeUscc,
  conceptsIn,
  digestOf,
  inferAreas,
  inferDomains,
  type JsonlFirm,
  type JsonlProduct,
  type JsonlRecord,
  type JsonlScenario,
  USCC_ALPHABET,
} from '@scx/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import {
  certifications,
  firmCases,
  organizations,
  products,
  scenarioRequirements,
  scenarios,
} from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './tx.ts';

/** External id of the agency that issues imported scenarios when the caller names none. */
export const DATASET_AGENCY_EXTERNAL_ID = 'scx:dataset-agency';

export interface DatasetImportResult {
  firms: { created: number; updated: number };
  products: { created: number; updated: number };
  scenarios: { created: number; updated: number };
}

/** A valid USCC derived from an external id, so re-importing a file gives the same code. */
export function usccForExternalId(externalId: string): string {
  let h = 0x811c9dc5;
  let body = '91420100';
  for (let i = 0; i < 9; i++) {
    for (const ch of `${externalId}#${i}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
    body += USCC_ALPHABET[h % 31];
  }
  return completeUscc(body);
}

/** The firm ids (internal) behind external ids already in the database. */
export async function knownFirmExternalIds(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({ externalId: organizations.externalId })
    .from(organizations)
    .where(eq(organizations.kind, 'firm'));
  return new Set(rows.map((r) => r.externalId).filter((x): x is string => x !== null));
}

async function idsByExternal(
  tx: Tx,
  table: typeof organizations | typeof products | typeof scenarios,
  ext: string[],
) {
  const out = new Map<string, string>();
  for (let i = 0; i < ext.length; i += 400) {
    const rows = await tx
      .select({ id: table.id, externalId: table.externalId })
      .from(table)
      .where(inArray(table.externalId, ext.slice(i, i + 400)));
    for (const r of rows) if (r.externalId) out.set(r.externalId, r.id);
  }
  return out;
}

async function datasetAgency(tx: Tx, at: string): Promise<string> {
  const [found] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.externalId, DATASET_AGENCY_EXTERNAL_ID));
  if (found) return found.id;
  const id = newId();
  await tx.insert(organizations).values({
    id,
    externalId: DATASET_AGENCY_EXTERNAL_ID,
    kind: 'agency',
    status: 'approved',
    name: '数据集导入发榜单位',
    nameEn: 'Data-set import issuer',
    uscc: usccForExternalId(DATASET_AGENCY_EXTERNAL_ID),
    district: 'citywide',
    approvedAt: at,
  });
  return id;
}

const firmValues = (r: JsonlFirm) => ({
  name: r.name,
  size: r.size ?? null,
  district: r.districts[0] ?? 'citywide',
  localTaxResident: r.localTax ?? r.districts.length > 0,
  domains: r.domains,
  description: r.description,
  capability: r.capability,
});

const productValues = (r: JsonlProduct) => ({
  name: r.name,
  summary: r.summary || r.description.split(/[。！？\n]/)[0]?.slice(0, 200) || '',
  description: r.description,
  domains: r.domains,
  areas: r.areas,
  recommendedCatalog: r.recommendedCatalog,
  firstEdition: r.firstEdition,
  xinchuang: r.xinchuang,
  status: 'listed' as const,
});

/** A record without domain or area takes what its text is about (core's concept vocabulary). */
function scenarioValues(r: JsonlScenario) {
  const concepts = r.domains[0] && r.area ? [] : conceptsIn(`${r.title} ${r.description}`);
  return {
    kind: r.kind,
    title: r.title,
    summary: r.description.split(/[。！？\n]/)[0]?.slice(0, 200) ?? '',
    problem: r.description,
    // domains[0] is the primary domain, the rest further ones (a re-import replaces them).
    domain: r.domains[0] ?? inferDomains(concepts)[0] ?? 'industry-it',
    secondaryDomains: r.domains.slice(1),
    area: r.area ?? inferAreas(concepts)[0] ?? 'government',
    district: r.district ?? 'citywide',
    budgetFen: r.budgetYuan === null ? null : Math.round(r.budgetYuan * 100),
    winnersMax: r.kind === 'challenge' ? 3 : 1,
    consortiumAllowed: r.kind === 'challenge',
  };
}

/**
 * Writes a validated JSON-lines data set (core's parseJsonLines) in ONE write transaction: firms,
 * their certifications and cases, products, scenarios (published, so they can be matched) and their
 * requirements. Ids in the file are external ids: a record whose id exists is updated in place, its
 * certifications, cases and requirements replaced. One audit entry for the whole import. Either
 * everything is written or nothing (the caller reports problems before calling this).
 */
export async function importDataset(
  db: Db,
  records: readonly JsonlRecord[],
  opts: { now: Date; issuerId?: string; actorUserId?: string | null; actorOrgId?: string | null },
): Promise<DatasetImportResult> {
  const at = opts.now.toISOString();
  const firms = records.filter((r): r is JsonlFirm => r.type === 'firm');
  const prods = records.filter((r): r is JsonlProduct => r.type === 'product');
  const scens = records.filter((r): r is JsonlScenario => r.type === 'scenario');
  const result: DatasetImportResult = {
    firms: { created: 0, updated: 0 },
    products: { created: 0, updated: 0 },
    scenarios: { created: 0, updated: 0 },
  };
  await db.transaction(async (tx) => {
    const firmIds = await idsByExternal(tx, organizations, [
      ...new Set([...firms.map((f) => f.id), ...prods.map((p) => p.firm)]),
    ]);
    for (const f of firms) {
      let id = firmIds.get(f.id);
      if (id) {
        await tx
          .update(organizations)
          .set({ ...firmValues(f), ...(f.uscc ? { uscc: f.uscc } : {}), updatedAt: at })
          .where(and(eq(organizations.id, id), eq(organizations.kind, 'firm')));
        await tx.delete(certifications).where(eq(certifications.orgId, id));
        await tx.delete(firmCases).where(eq(firmCases.orgId, id));
        result.firms.updated++;
      } else {
        id = newId();
        firmIds.set(f.id, id);
        await tx.insert(organizations).values({
          id,
          externalId: f.id,
          kind: 'firm',
          status: 'approved',
          uscc: f.uscc ?? usccForExternalId(f.id),
          approvedAt: at,
          ...firmValues(f),
        });
        result.firms.created++;
      }
      const orgId = id;
      if (f.certifications.length) {
        await tx.insert(certifications).values(
          f.certifications.map((c) => ({
            id: newId(),
            orgId,
            code: c.code,
            level: c.level,
            expiresAt: c.expiresAt,
          })),
        );
      }
      if (f.cases.length) {
        await tx.insert(firmCases).values(
          f.cases.map((c) => ({
            id: newId(),
            orgId,
            title: c.title,
            client: c.client,
            year: c.year ?? opts.now.getUTCFullYear(),
            domain: c.domain,
            area: c.area,
            description: c.description,
          })),
        );
      }
    }
    const productIds = await idsByExternal(
      tx,
      products,
      prods.map((p) => p.id),
    );
    for (const p of prods) {
      const firmId = firmIds.get(p.firm);
      if (!firmId) throw new Error(`unknown firm "${p.firm}" for product "${p.id}"`);
      const id = productIds.get(p.id);
      if (id) {
        await tx
          .update(products)
          .set({ ...productValues(p), firmId, updatedAt: at })
          .where(eq(products.id, id));
        result.products.updated++;
      } else {
        await tx.insert(products).values({ id: newId(), externalId: p.id, firmId, ...productValues(p) });
        result.products.created++;
      }
    }
    const scenarioIds = await idsByExternal(
      tx,
      scenarios,
      scens.map((s) => s.id),
    );
    const issuerId = scens.length ? (opts.issuerId ?? (await datasetAgency(tx, at))) : '';
    for (const s of scens) {
      let id = scenarioIds.get(s.id);
      if (id) {
        await tx
          .update(scenarios)
          .set({ ...scenarioValues(s), updatedAt: at })
          .where(eq(scenarios.id, id));
        await tx.delete(scenarioRequirements).where(eq(scenarioRequirements.scenarioId, id));
        result.scenarios.updated++;
      } else {
        id = newId();
        await tx.insert(scenarios).values({
          id,
          externalId: s.id,
          issuerId,
          status: 'published',
          submittedAt: at,
          publishedAt: at,
          ...scenarioValues(s),
        });
        result.scenarios.created++;
      }
      const scenarioId = id;
      if (s.requirements.length) {
        await tx.insert(scenarioRequirements).values(
          s.requirements.map((r, ordinal) => ({
            id: newId(),
            scenarioId,
            kind: r.kind,
            code: r.code,
            level: r.level,
            value: r.value,
            mandatory: r.mandatory,
            description: r.description,
            ordinal,
          })),
        );
      }
    }
    await appendAudit(tx, {
      at,
      actorUserId: opts.actorUserId ?? null,
      actorOrgId: opts.actorOrgId ?? null,
      action: 'import.dataset',
      entityType: 'import',
      entityId: newId(opts.now.getTime()),
      afterDigest: await digestOf(records),
      data: { ...result },
    });
  });
  return result;
}
