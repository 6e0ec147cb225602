import type { InStatement, InValue } from '@libsql/client';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema/index.ts';

/** SQLite's bound-parameter ceiling is 32,766; stay well below it. */
const MAX_PARAMS = 12_000;
const MAX_ROWS = 400;

/**
 * Multi-row INSERT statements for `rows` (typed as the table's insert shape, so a schema change
 * that breaks the seed fails type-checking). Values go through each column's own driver mapping
 * (JSON columns stringified, booleans to 0/1), exactly as drizzle would bind them.
 */
export function insertStatements<T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]): InStatement[] {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  const keys = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) keys.add(k);
  const cols = [...keys].map((k) => {
    const col = columns[k];
    if (!col) throw new Error(`${getTableName(table)} has no column ${k}`);
    return [k, col] as const;
  });
  const head = `INSERT INTO "${getTableName(table)}" (${cols.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES `;
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / cols.length)));
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const args: InValue[] = [];
    for (const row of chunk) {
      const r = row as Record<string, unknown>;
      for (const [k, col] of cols) {
        const v = r[k];
        args.push(v === undefined || v === null ? null : (col.mapToDriverValue(v) as InValue));
      }
    }
    out.push({ sql: head + Array(chunk.length).fill(tuple).join(', '), args });
  }
  return out;
}

/** Every table of the schema. */
export function schemaTables(): SQLiteTable[] {
  return (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable));
}

/** DELETE statements for every schema table; run after `PRAGMA defer_foreign_keys = ON` in one batch. */
export function wipeStatements(): InStatement[] {
  return schemaTables().map((t) => `DELETE FROM "${getTableName(t)}"`);
}
