import { headerKey } from './normalize.ts';
import type { Sheet } from './sheet.ts';

/** One problem in one cell (or a missing column). */
export interface ImportIssue {
  /** The person's header text as it appears in the file (or the expected header if the column is missing). */
  column: string;
  /** The field it maps to, or null for a row-level problem. */
  field: string | null;
  /** zh-CN */
  message: string;
  messageEn: string;
}

export interface ImportColumn {
  header: string;
  /** null: not recognised (or a duplicate of an earlier column) and ignored. */
  field: string | null;
  /** Why a column is ignored, or the unit read from the header ("万元"). */
  note?: string;
}

export interface ImportRowResult<R> {
  line: number;
  /** Present when the row has no errors: exactly what commit will write. */
  record?: R;
  errors: ImportIssue[];
  /** Non-blocking: defaults applied, items not recognised. */
  warnings: ImportIssue[];
}

export interface ImportDuplicate {
  /** "title|issuer" for scenarios, the USCC for firms. */
  key: string;
  lines: number[];
  message: string;
  messageEn: string;
}

export interface ImportPreview<R> {
  kind: 'scenarios' | 'firms';
  total: number;
  valid: number;
  invalid: number;
  /** Row number of the header row (title rows above it are skipped). */
  headerLine: number;
  columns: ImportColumn[];
  /** Required columns that are not in the file. */
  missing: { field: string; label: string; labelEn: string }[];
  rows: ImportRowResult<R>[];
  duplicates: ImportDuplicate[];
}

/** Progress for long files; awaited, so a route can flush a streamed response between calls. */
export type OnProgress = (done: number, total: number) => void | Promise<void>;

export interface FieldSpec<F extends string> {
  field: F;
  label: string;
  labelEn: string;
  synonyms: readonly string[];
  required?: boolean;
  /** Several columns may feed this field (their texts are combined). */
  multi?: boolean;
  /** Known but deliberately not imported (序号): reported as ignored, never as unknown. */
  ignore?: boolean;
}

export interface MappedColumn<F extends string> {
  index: number;
  header: string;
  field: F;
  unit: string | null;
}

export interface Mapping<F extends string> {
  columns: ImportColumn[];
  mapped: MappedColumn<F>[];
  /** How many distinct fields the header row matched. */
  score: number;
}

export function mapHeaders<F extends string>(
  headers: readonly string[],
  specs: readonly FieldSpec<F>[],
): Mapping<F> {
  const bySynonym = new Map<string, FieldSpec<F>>();
  for (const s of specs) {
    for (const syn of [s.field, s.label, s.labelEn, ...s.synonyms]) bySynonym.set(headerKey(syn).key, s);
  }
  const columns: ImportColumn[] = [];
  const mapped: MappedColumn<F>[] = [];
  const taken = new Set<string>();
  headers.forEach((header, index) => {
    const { key, unit } = headerKey(header);
    const spec = key ? bySynonym.get(key) : undefined;
    if (!header.trim()) return;
    if (!spec) {
      columns.push({ header, field: null, note: '未识别，已忽略 (not recognised, ignored)' });
      return;
    }
    if (spec.ignore) {
      columns.push({ header, field: null, note: '序号列，不导入 (row number, not imported)' });
      return;
    }
    if (taken.has(spec.field) && !spec.multi) {
      columns.push({
        header,
        field: null,
        note: `与前面的“${spec.label}”列重复，已忽略 (duplicate column, ignored)`,
      });
      return;
    }
    taken.add(spec.field);
    mapped.push({ index, header, field: spec.field, unit });
    columns.push(unit ? { header, field: spec.field, note: unit } : { header, field: spec.field });
  });
  return { columns, mapped, score: taken.size };
}

/**
 * Agencies' lists often start with a title row ("2026年武汉市数字应用场景清单") or notes: the header
 * row is the one among the first 10 that names the most known fields.
 */
export function locateHeader<F extends string>(
  sheet: Sheet,
  specs: readonly FieldSpec<F>[],
): { mapping: Mapping<F>; headerLine: number; rows: Sheet['rows'] } {
  let best = { mapping: mapHeaders(sheet.headers, specs), headerLine: sheet.headerLine, rows: sheet.rows };
  for (let i = 0; i < Math.min(10, sheet.rows.length); i++) {
    if (best.mapping.score >= 3 && i === 0) break;
    const row = sheet.rows[i];
    if (!row) break;
    const m = mapHeaders(row.cells, specs);
    if (m.score > best.mapping.score)
      best = { mapping: m, headerLine: row.line, rows: sheet.rows.slice(i + 1) };
  }
  return best;
}

export const issue = (
  column: string,
  field: string | null,
  message: string,
  messageEn: string,
): ImportIssue => ({
  column,
  field,
  message,
  messageEn,
});

/** Cells of a row by field (multi columns joined with line breaks), and the header that held each field. */
export function cellsByField<F extends string>(
  mapped: readonly MappedColumn<F>[],
  cells: readonly string[],
): Map<F, { text: string; header: string; unit: string | null }> {
  const out = new Map<F, { text: string; header: string; unit: string | null }>();
  for (const m of mapped) {
    const text = (cells[m.index] ?? '').trim();
    const prev = out.get(m.field);
    if (prev) {
      if (text) prev.text = prev.text ? `${prev.text}\n${text}` : text;
    } else out.set(m.field, { text, header: m.header, unit: m.unit });
  }
  return out;
}

/** Valibot/our messages carry both languages as "zh\u0000en". */
export const bilingual = (zh: string, en: string): string => `${zh}\u0000${en}`;
export const splitBilingual = (m: string): [string, string] => {
  const i = m.indexOf('\u0000');
  return i < 0 ? [m, m] : [m.slice(0, i), m.slice(i + 1)];
};

/** Awaits onProgress every `every` rows and at the end. */
export async function eachWithProgress<T>(
  items: readonly T[],
  fn: (item: T, i: number) => void,
  onProgress?: OnProgress,
  every = 500,
): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    fn(items[i] as T, i);
    if (onProgress && (i + 1) % every === 0 && i + 1 < items.length) await onProgress(i + 1, items.length);
  }
  if (onProgress) await onProgress(items.length, items.length);
}

/** Marks second and later rows sharing a key as errors and lists every group. */
export function flagDuplicates<R>(
  rows: ImportRowResult<R>[],
  keyOf: (row: ImportRowResult<R>) => string | null,
  describe: (
    key: string,
    lines: number[],
  ) => { column: string; field: string; message: string; messageEn: string },
): ImportDuplicate[] {
  const groups = new Map<string, ImportRowResult<R>[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const out: ImportDuplicate[] = [];
  for (const [key, g] of groups) {
    if (g.length < 2) continue;
    const lines = g.map((r) => r.line);
    const d = describe(key, lines);
    out.push({ key, lines, message: d.message, messageEn: d.messageEn });
    for (const r of g.slice(1)) {
      r.errors.push(issue(d.column, d.field, d.message, d.messageEn));
      delete r.record;
    }
  }
  return out;
}

export function summarize<R>(
  kind: ImportPreview<R>['kind'],
  located: { mapping: Mapping<string>; headerLine: number },
  missing: ImportPreview<R>['missing'],
  rows: ImportRowResult<R>[],
  duplicates: ImportDuplicate[],
): ImportPreview<R> {
  const valid = rows.filter((r) => r.errors.length === 0).length;
  return {
    kind,
    total: rows.length,
    valid,
    invalid: rows.length - valid,
    headerLine: located.headerLine,
    columns: located.mapping.columns,
    missing,
    rows,
    duplicates,
  };
}
