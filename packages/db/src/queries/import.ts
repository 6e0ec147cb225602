import type { InStatement, Transaction } from '@libsql/client';
import {
  FIRM_FIELDS,
  type FirmImportRecord,
  FirmImportRecordSchema,
  type ImportColumn,
  type ImportedFile,
  type OnProgress,
  SCENARIO_FIELDS,
  type ScenarioImportRecord,
  ScenarioImportRecordSchema,
  sha256Hex,
} from '@scx/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as v from 'valibot';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { calls, certifications, organizations, scenarioRequirements, scenarios } from '../schema/index.ts';
import { insertStatements } from '../seed/insert.ts';
import { appendAudit } from './audit.ts';
import { uniqueViolation } from './errors.ts';
import type { Tx } from './tx.ts';

/**
 * Commit of a previewed import (see packages/core/src/import/index.ts for the whole flow).
 * All or nothing: one write transaction (BEGIN IMMEDIATE, so the checks and the inserts see the
 * same database); every check runs before the first insert; rows go in as multi-row INSERTs of
 * `CHUNK` rows; one audit entry per import.
 */

export interface ImportCommitError {
  /** Spreadsheet row (0 for a problem with the whole import). */
  line: number;
  /** The person's header when known, else the standard one. */
  column: string;
  message: string;
  messageEn: string;
}

export type ImportCommitResult =
  | { ok: true; created: number; ids: string[] }
  | { ok: false; errors: ImportCommitError[] };

/** Rows per INSERT statement: ~40 columns × 200 stays far below SQLite's 32,766 bound parameters. */
export const IMPORT_CHUNK = 200;
/** Values per `IN (…)` probe. */
const PROBE = 500;

class Abort extends Error {
  constructor(readonly errors: ImportCommitError[]) {
    super('import aborted');
  }
}

const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

function headerFor(
  columns: readonly ImportColumn[] | undefined,
  specs: readonly { field: string; label: string }[],
  field: string,
): string {
  return (
    columns?.find((c) => c.field === field)?.header ?? specs.find((s) => s.field === field)?.label ?? field
  );
}

function validateRecords<R extends { line: number }>(
  records: readonly R[],
  schema: v.GenericSchema,
  columnOf: (field: string) => string,
): ImportCommitError[] {
  const errors: ImportCommitError[] = [];
  for (const r of records) {
    const parsed = v.safeParse(schema, r);
    if (parsed.success) continue;
    const i = parsed.issues[0];
    const field = String(i.path?.[0]?.key ?? '');
    const [zh, en] = i.message.split('\u0000');
    errors.push({
      line: r.line,
      column: columnOf(field),
      message: zh ?? i.message,
      messageEn: en ?? zh ?? '',
    });
  }
  return errors;
}

/** SHA-256 of the records as committed (JSON in the order preview built them). */
const recordsDigestOf = (records: readonly unknown[]) => sha256Hex(JSON.stringify(records));

/**
 * Bulk rows go in as the seed writes them: multi-row INSERTs (column values mapped exactly as
 * drizzle binds them), sent with the transaction's own `batch` — one round trip per call, which is
 * what matters at the edge (Turso/sqld over HTTP). Building 5,000 rows through drizzle's query
 * builder costs more CPU than SQLite spends writing them. Falls back to drizzle inserts if the
 * driver transaction is not reachable.
 */
async function bulkInsert<T extends SQLiteTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  progress: (n: number) => Promise<void>,
): Promise<void> {
  // drizzle's libSQL transaction keeps the driver transaction as `session.tx` (not public API).
  const driver = (tx as unknown as { session?: { tx?: Partial<Transaction> } }).session?.tx;
  for (const part of chunks(rows, IMPORT_CHUNK * 5)) {
    if (typeof driver?.batch === 'function') {
      const stmts: InStatement[] = insertStatements(table, part);
      await driver.batch(stmts);
    } else {
      for (const c of chunks(part, IMPORT_CHUNK)) await tx.insert(table).values(c as never);
    }
    await progress(part.length);
  }
}

async function run<T>(
  db: Db,
  body: (tx: Tx) => Promise<T>,
): Promise<T | { ok: false; errors: ImportCommitError[] }> {
  try {
    return await db.transaction(body);
  } catch (e) {
    if (e instanceof Abort) return { ok: false, errors: e.errors };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------

export interface CommitScenarioImportInput {
  /** The importing organization; rows without another issuer are created under it. */
  issuerId: string;
  actorUserId: string | null;
  /** Defaults to issuerId. */
  actorOrgId?: string | null;
  callId?: string | null;
  records: readonly ScenarioImportRecord[];
  /**
   * Organizers may import lists for several agencies: a record's `issuerName` is then resolved to
   * an existing agency (exact name). Otherwise any `issuerName` is an error.
   */
  allowOtherIssuers?: boolean;
  /** From the preview: names errors by the person's headers. */
  columns?: readonly ImportColumn[];
  file?: ImportedFile;
  now: Date;
  /** Awaited after each insert chunk: (rows written, rows to write). */
  onProgress?: OnProgress;
}

/** Creates the scenarios as drafts (with their requirements) — all of them, or none. */
export async function commitScenarioImport(
  db: Db,
  input: CommitScenarioImportInput,
): Promise<ImportCommitResult> {
  const col = (f: string) => headerFor(input.columns, SCENARIO_FIELDS, f === 'issuerName' ? 'issuer' : f);
  const at = input.now.toISOString();
  const records = input.records;
  if (records.length === 0) {
    return {
      ok: false,
      errors: [{ line: 0, column: '', message: '没有可导入的数据行', messageEn: 'no rows to import' }],
    };
  }
  const invalid = validateRecords(records, ScenarioImportRecordSchema, col);
  if (invalid.length > 0) return { ok: false, errors: invalid };
  const recordsDigest = await recordsDigestOf(records);

  return run(db, async (tx) => {
    const errors: ImportCommitError[] = [];
    const [issuer] = await tx
      .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, input.issuerId))
      .limit(1);
    if (!issuer || (issuer.kind !== 'agency' && issuer.kind !== 'organizer')) {
      throw new Abort([
        {
          line: 0,
          column: '',
          message: '导入单位不存在或不是发榜单位',
          messageEn: 'the importer is not an agency',
        },
      ]);
    }
    if (input.callId) {
      const [call] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, input.callId)).limit(1);
      if (!call)
        throw new Abort([{ line: 0, column: '', message: '征集批次不存在', messageEn: 'unknown call' }]);
    }

    // Issuer names → agency ids (organizers only).
    const named = [...new Set(records.map((r) => r.issuerName).filter((n): n is string => n !== null))];
    const issuerIds = new Map<string, string>();
    if (named.length > 0 && input.allowOtherIssuers) {
      for (const part of chunks(named, PROBE)) {
        const found = await tx
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(
            and(inArray(organizations.name, part), inArray(organizations.kind, ['agency', 'organizer'])),
          );
        for (const f of found) issuerIds.set(f.name, f.id);
      }
    }
    for (const r of records) {
      if (r.issuerName === null || r.issuerName === issuer.name) continue;
      if (!input.allowOtherIssuers) {
        errors.push({
          line: r.line,
          column: col('issuer'),
          message: `发布单位“${r.issuerName}”不是本单位（${issuer.name}）`,
          messageEn: `issuer "${r.issuerName}" is not the importing agency`,
        });
      } else if (!issuerIds.has(r.issuerName)) {
        errors.push({
          line: r.line,
          column: col('issuer'),
          message: `平台上没有名为“${r.issuerName}”的发榜单位，请先注册该单位或更正名称`,
          messageEn: `no agency named "${r.issuerName}" on the platform`,
        });
      }
    }
    if (errors.length > 0) throw new Abort(errors);

    const ids: string[] = [];
    const scenarioRows: (typeof scenarios.$inferInsert)[] = [];
    const requirementRows: (typeof scenarioRequirements.$inferInsert)[] = [];
    for (const r of records) {
      const id = newId(input.now.getTime());
      ids.push(id);
      scenarioRows.push({
        id,
        kind: r.kind,
        status: 'draft',
        callId: input.callId ?? null,
        issuerId:
          r.issuerName && r.issuerName !== issuer.name ? (issuerIds.get(r.issuerName) as string) : issuer.id,
        title: r.title,
        summary: r.summary,
        problem: r.problem,
        goals: r.goals,
        kpis: r.kpis,
        domain: r.domain,
        secondaryDomains: r.secondaryDomains,
        area: r.area,
        district: r.district,
        budgetFen: r.budgetFen,
        rewardFen: r.rewardFen,
        subsidyFen: r.subsidyFen,
        deadline: r.deadline,
        deliveryMonths: r.deliveryMonths,
        winnersMax: 1,
        consortiumAllowed: r.kind === 'challenge',
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        contactEmail: r.contactEmail,
        createdBy: input.actorUserId,
        createdAt: at,
        updatedAt: at,
      });
      r.requirements.forEach((q, ordinal) => {
        requirementRows.push({
          id: newId(input.now.getTime()),
          scenarioId: id,
          kind: q.kind,
          code: q.code,
          level: q.level,
          value: q.value,
          mandatory: q.mandatory,
          description: q.description,
          ordinal,
        });
      });
    }

    const total = scenarioRows.length + requirementRows.length;
    let done = 0;
    const progress = async (n: number) => {
      done += n;
      await input.onProgress?.(done, total);
    };
    await bulkInsert(tx, scenarios, scenarioRows, progress);
    await bulkInsert(tx, scenarioRequirements, requirementRows, progress);

    await appendAudit(tx, {
      at,
      actorUserId: input.actorUserId,
      actorOrgId: input.actorOrgId ?? issuer.id,
      action: 'import.scenarios',
      entityType: 'import',
      entityId: newId(input.now.getTime()),
      afterDigest: recordsDigest,
      data: {
        created: ids.length,
        challenges: records.filter((r) => r.kind === 'challenge').length,
        requirements: requirementRows.length,
        issuers: new Set(scenarioRows.map((s) => s.issuerId)).size,
        callId: input.callId ?? null,
        firstId: ids[0],
        lastId: ids[ids.length - 1],
        file: input.file
          ? { name: input.file.name, bytes: input.file.bytes, sha256: input.file.sha256 }
          : null,
      },
    });
    return { ok: true as const, created: ids.length, ids };
  });
}

// ---------------------------------------------------------------------------------------------

export interface CommitFirmImportInput {
  actorUserId: string | null;
  actorOrgId?: string | null;
  records: readonly FirmImportRecord[];
  /** Imported firms are `approved` by default (an organizer vouches for its list); or `pending`. */
  status?: 'approved' | 'pending';
  columns?: readonly ImportColumn[];
  file?: ImportedFile;
  now: Date;
  onProgress?: OnProgress;
}

/**
 * Creates firm organizations (kind `firm`) with their certifications — all or none. A USCC already
 * on the platform (or twice in the records) fails the whole commit, naming the row.
 */
export async function commitFirmImport(db: Db, input: CommitFirmImportInput): Promise<ImportCommitResult> {
  const col = (f: string) => headerFor(input.columns, FIRM_FIELDS, f);
  const at = input.now.toISOString();
  const records = input.records;
  if (records.length === 0) {
    return {
      ok: false,
      errors: [{ line: 0, column: '', message: '没有可导入的数据行', messageEn: 'no rows to import' }],
    };
  }
  const invalid = validateRecords(records, FirmImportRecordSchema, col);
  if (invalid.length > 0) return { ok: false, errors: invalid };
  const seen = new Map<string, number>();
  const dupes: ImportCommitError[] = [];
  for (const r of records) {
    const first = seen.get(r.uscc);
    if (first !== undefined) {
      dupes.push({
        line: r.line,
        column: col('uscc'),
        message: `统一社会信用代码 ${r.uscc} 与第 ${first} 行重复`,
        messageEn: `USCC ${r.uscc} repeats row ${first}`,
      });
    } else seen.set(r.uscc, r.line);
  }
  if (dupes.length > 0) return { ok: false, errors: dupes };
  const recordsDigest = await recordsDigestOf(records);
  const status = input.status ?? 'approved';

  try {
    return await run(db, async (tx) => {
      const existing = new Map<string, string>();
      for (const part of chunks([...seen.keys()], PROBE)) {
        const found = await tx
          .select({ uscc: organizations.uscc, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.uscc, part));
        for (const f of found) existing.set(f.uscc, f.name);
      }
      if (existing.size > 0) {
        throw new Abort(
          records
            .filter((r) => existing.has(r.uscc))
            .map((r) => ({
              line: r.line,
              column: col('uscc'),
              message: `统一社会信用代码 ${r.uscc} 已在平台注册（${existing.get(r.uscc)}）`,
              messageEn: `USCC ${r.uscc} is already registered (${existing.get(r.uscc)})`,
            })),
        );
      }

      const ids: string[] = [];
      const orgRows: (typeof organizations.$inferInsert)[] = [];
      const certRows: (typeof certifications.$inferInsert)[] = [];
      for (const r of records) {
        const id = newId(input.now.getTime());
        ids.push(id);
        orgRows.push({
          id,
          kind: 'firm',
          status,
          name: r.name,
          uscc: r.uscc,
          district: r.district,
          size: r.size,
          domains: r.domains,
          description: r.description,
          capability: r.capability,
          employees: r.employees,
          foundedYear: r.foundedYear,
          website: r.website,
          contactName: r.contactName,
          contactPhone: r.contactPhone,
          contactEmail: r.contactEmail,
          approvedAt: status === 'approved' ? at : null,
          approvedBy: status === 'approved' ? input.actorUserId : null,
          createdAt: at,
          updatedAt: at,
        });
        for (const c of r.certifications) {
          certRows.push({
            id: newId(input.now.getTime()),
            orgId: id,
            code: c.code,
            level: c.level,
            createdAt: at,
          });
        }
      }
      const total = orgRows.length + certRows.length;
      let done = 0;
      const progress = async (n: number) => {
        done += n;
        await input.onProgress?.(done, total);
      };
      await bulkInsert(tx, organizations, orgRows, progress);
      await bulkInsert(tx, certifications, certRows, progress);
      await appendAudit(tx, {
        at,
        actorUserId: input.actorUserId,
        actorOrgId: input.actorOrgId ?? null,
        action: 'import.firms',
        entityType: 'import',
        entityId: newId(input.now.getTime()),
        afterDigest: recordsDigest,
        data: {
          created: ids.length,
          certifications: certRows.length,
          status,
          firstId: ids[0],
          lastId: ids[ids.length - 1],
          file: input.file
            ? { name: input.file.name, bytes: input.file.bytes, sha256: input.file.sha256 }
            : null,
        },
      });
      return { ok: true as const, created: ids.length, ids };
    });
  } catch (e) {
    // A firm registered concurrently between probe and insert cannot happen under BEGIN IMMEDIATE on
    // one database, but a replica setup could; the unique index is the last guard.
    if (uniqueViolation(e) === 'organizations.uscc') {
      return {
        ok: false,
        errors: [
          {
            line: 0,
            column: col('uscc'),
            message: '有统一社会信用代码已在平台注册',
            messageEn: 'a USCC is already registered',
          },
        ],
      };
    }
    throw e;
  }
}
