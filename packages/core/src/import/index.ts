/**
 * Excel / CSV import of scenario lists (场景清单 / 揭榜挂帅榜单) and firm lists (企业名录).
 *
 * Flow for the route layer (two requests, stateless; the file is uploaded again to commit, or the
 * client keeps the bytes — the preview's `file.sha256` lets the route check it is the same file):
 *
 *   1. preview   POST multipart file → core
 *        const r = await previewImportFile(bytes, filename, 'scenarios', {
 *          importer: { name: org.name, organizer: org.kind === 'organizer' },
 *          now: clock.now(), onProgress,
 *        });
 *        if (!r.ok) → 413 (PAYLOAD_TOO_LARGE) / 415 (UNSUPPORTED_MEDIA_TYPE) / 400 (BAD_REQUEST),
 *                     r.error = { code, message (zh-CN), messageEn }
 *        r.value: ImportPreview & { file: { name, bytes, sha256, format } } — show it as a table:
 *          columns[] (header → field, or field null = ignored, with a note), missing[] (required
 *          columns not found), rows[] ({ line, record?, errors[], warnings[] }, every issue names
 *          the person's column header `column`, message zh-CN + messageEn), duplicates[].
 *
 *   2. commit    (only when preview.invalid === 0 and missing is empty — or pass the valid rows'
 *                records if the product decides to import "only the good rows")
 *        import { commitScenarioImport, commitFirmImport } from '@scx/db';
 *        await commitScenarioImport(db, { issuerId, actorUserId, actorOrgId, callId, records,
 *          allowOtherIssuers: org.kind === 'organizer', file: r.value.file, columns, now, onProgress });
 *        → { ok: true, created, ids } | { ok: false, errors: [{ line, column, message, messageEn }] }
 *        All or nothing: one write transaction, checks (USCC already registered, unknown issuer,
 *        unknown call) run inside it before any insert; one audit entry `import.scenarios` /
 *        `import.firms` with counts and the file's SHA-256.
 *
 * Progress: `onProgress(done, total)` is awaited every 500 rows in preview, and in commit after each
 * round trip of up to 1,000 rows (multi-row INSERTs of ≤ 400 rows, sent as one `batch` inside the
 * write transaction; total = rows + requirement/certification rows). Awaited, so a route can write
 * an SSE / NDJSON line and flush between calls; if it throws, the whole commit rolls back.
 *
 * Lower-level pieces (all pure, no node: APIs; run in workerd):
 *   readSheet(bytes, filename)  → Result<Sheet & { format }, SheetFailure>   (picks by magic bytes, then extension)
 *   readCsv(bytes) / readXlsx(bytes) → Sheet, throw SheetError               (Sheet = { headers, rows: { line, cells }[], headerLine })
 *   previewScenarioImport(sheet, opts) / previewFirmImport(sheet, opts) → Promise<ImportPreview<…>>
 *   parseMoneyFen, parseDeadline, parseYear, parseInteger, match{Domain,Area,District,Size,Kind},
 *   parseRequirements, parseCertificationList, writeCsv (for exports/templates and tests)
 *
 * Limits (IMPORT_LIMITS): 10 MB per file, 20,000 data rows, 256 columns, 200 MB unzipped .xlsx parts.
 * Old binary .xls is refused with a "save as .xlsx" message. CSV: UTF-8 (±BOM), UTF-16 (BOM), else GB18030.
 */
import type { Result } from '../result.ts';
import { type FirmImportRecord, type FirmPreviewOptions, previewFirmImport } from './firms.ts';
import type { ImportPreview } from './preview.ts';
import { readSheet, type SheetFormat } from './read.ts';
import {
  previewScenarioImport,
  type ScenarioImportRecord,
  type ScenarioPreviewOptions,
} from './scenarios.ts';
import type { SheetFailure } from './sheet.ts';

export * from './csv.ts';
export * from './firms.ts';
export * from './jsonl.ts';
export * from './normalize.ts';
export {
  type FieldSpec,
  type ImportColumn,
  type ImportDuplicate,
  type ImportIssue,
  type ImportPreview,
  type ImportRowResult,
  mapHeaders,
  type OnProgress,
} from './preview.ts';
export * from './read.ts';
export * from './requirements.ts';
export * from './scenarios.ts';
export * from './sheet.ts';
export { excelSerialToUtcMs, isDateFormat, parseCellRef, readXlsx, tidyNumber } from './xlsx.ts';
export { columnName, writeXlsx, type XlsxCell, type XlsxSheetSpec } from './xlsx-writer.ts';
export { decodeXmlEntities, tokenizeXml } from './xml.ts';

export interface ImportedFile {
  name: string;
  bytes: number;
  /** Hex SHA-256 of the uploaded bytes (goes into the audit entry). */
  sha256: string;
  format: SheetFormat;
}

export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
}

export type ImportKind = 'scenarios' | 'firms';
type PreviewOf<K extends ImportKind> = ImportPreview<
  K extends 'scenarios' ? ScenarioImportRecord : FirmImportRecord
>;
type OptionsOf<K extends ImportKind> = K extends 'scenarios' ? ScenarioPreviewOptions : FirmPreviewOptions;

/** Reads, maps and validates an uploaded file in one call (what the preview route needs). */
export async function previewImportFile<K extends ImportKind>(
  bytes: Uint8Array,
  filename: string,
  kind: K,
  opts: OptionsOf<K> = {} as OptionsOf<K>,
): Promise<Result<PreviewOf<K> & { file: ImportedFile }, SheetFailure>> {
  const read = readSheet(bytes, filename);
  if (!read.ok) return read;
  const preview = (
    kind === 'scenarios'
      ? await previewScenarioImport(read.value, opts as ScenarioPreviewOptions)
      : await previewFirmImport(read.value, opts as FirmPreviewOptions)
  ) as PreviewOf<K>;
  const file: ImportedFile = {
    name: filename,
    bytes: bytes.byteLength,
    sha256: await sha256OfBytes(bytes),
    format: read.value.format,
  };
  return { ok: true, value: { ...preview, file } };
}
