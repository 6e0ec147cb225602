import type { Result } from '../result.ts';
import { readCsv } from './csv.ts';
import { IMPORT_LIMITS, type Sheet, SheetError, type SheetFailure, toFailure, tooLarge } from './sheet.ts';
import { readXlsx } from './xlsx.ts';

export type SheetFormat = 'xlsx' | 'csv';

/** Which reader a file needs: magic bytes first (PK zip → xlsx), then the extension. */
export function sniffFormat(bytes: Uint8Array, filename = ''): SheetFormat | 'xls' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls' || ext === 'et') return 'xls';
  return 'csv';
}

/**
 * Reads an uploaded .xlsx or .csv into a Sheet. Never throws for a bad file: the error says, in
 * Chinese and English, what is wrong (too large, too many rows, old .xls, corrupt).
 */
export function readSheet(
  bytes: Uint8Array,
  filename = '',
): Result<Sheet & { format: SheetFormat }, SheetFailure> {
  try {
    if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw tooLarge(bytes.byteLength);
    if (bytes.byteLength === 0) throw new SheetError('BAD_REQUEST', '文件是空的', 'the file is empty');
    const format = sniffFormat(bytes, filename);
    if (format === 'xls') {
      throw new SheetError(
        'UNSUPPORTED_MEDIA_TYPE',
        '不支持旧版 .xls 格式，请在 Excel/WPS 中“另存为” .xlsx 或 CSV 后再导入',
        'the old .xls format is not supported; save the file as .xlsx or CSV and import that',
      );
    }
    const sheet = format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
    if (sheet.headers.length === 0) {
      throw new SheetError('BAD_REQUEST', '表格中没有数据', 'the sheet has no data');
    }
    return { ok: true, value: { ...sheet, format } };
  } catch (e) {
    if (e instanceof SheetError) return toFailure(e);
    throw e;
  }
}
