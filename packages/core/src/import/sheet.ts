import type { DomainError, Result } from '../result.ts';

/** One spreadsheet as text: the first non-empty row is `headers`; blank rows are skipped. */
export interface Sheet {
  headers: string[];
  /** `line` is the row number a person sees in Excel (1-based; the header row is usually 1). */
  rows: SheetRow[];
  /** Line of the header row. */
  headerLine: number;
}

export interface SheetRow {
  line: number;
  cells: string[];
}

export const IMPORT_LIMITS = {
  /** Upload size. */
  maxBytes: 10 * 1024 * 1024,
  /** Data rows (non-blank, after the header). */
  maxRows: 20_000,
  /** Columns read per row; cells further right are ignored. */
  maxColumns: 256,
  /** Total uncompressed size of the parts read from an .xlsx (zip-bomb guard). */
  maxUnzippedBytes: 200 * 1024 * 1024,
} as const;

/** Thrown by `readCsv` / `readXlsx`; `readSheet` turns it into a `Result`. */
export class SheetError extends Error {
  constructor(
    readonly code: DomainError['code'],
    /** zh-CN, shown to the person who uploaded the file. */
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'SheetError';
  }
}

export type SheetFailure = DomainError & { messageEn: string };

export const tooLarge = (bytes: number) =>
  new SheetError(
    'PAYLOAD_TOO_LARGE',
    `文件大小 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过 10 MB 上限，请拆分后分批导入`,
    `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the 10 MB limit; split it and import in parts`,
  );

export const tooManyRows = () =>
  new SheetError(
    'PAYLOAD_TOO_LARGE',
    `数据超过 ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} 行上限，请拆分后分批导入`,
    `more than ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} data rows; split the file and import in parts`,
  );

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * Builds a Sheet from rows in order: trims trailing blank cells, skips blank rows, takes the first
 * non-blank row as the header, enforces the row limit.
 */
export function sheetFromRows(input: Iterable<SheetRow>): Sheet {
  let headers: string[] | null = null;
  let headerLine = 0;
  const rows: SheetRow[] = [];
  for (const row of input) {
    if (isBlank(row.cells)) continue;
    let end = row.cells.length;
    while (end > 0 && (row.cells[end - 1] ?? '').trim() === '') end--;
    const cells = row.cells.length > end ? row.cells.slice(0, end) : row.cells;
    if (headers === null) {
      headers = cells.map((c) => c.trim());
      headerLine = row.line;
      continue;
    }
    if (rows.length >= IMPORT_LIMITS.maxRows) throw tooManyRows();
    rows.push({ line: row.line, cells });
  }
  return { headers: headers ?? [], rows, headerLine };
}

export const toFailure = (e: SheetError): Result<never, SheetFailure> => ({
  ok: false,
  error: { code: e.code, message: e.message, messageEn: e.messageEn },
});
