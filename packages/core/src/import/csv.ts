import { IMPORT_LIMITS, type Sheet, SheetError, type SheetRow, sheetFromRows, tooLarge } from './sheet.ts';

/**
 * Decodes a CSV export: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
 * otherwise GB18030 (a superset of GBK/GB2312 — what Excel on a Chinese Windows writes for "CSV").
 * UTF-8 is tried first with `fatal: true`: GBK text is almost never valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
} {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Comma unless the first line has tabs (or semicolons) and no commas outside quotes. */
function sniffDelimiter(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i] as string;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  if ((counts[','] ?? 0) > 0) return ',';
  if ((counts['\t'] ?? 0) > 0) return '\t';
  if ((counts[';'] ?? 0) > 0) return ';';
  return ',';
}

/**
 * RFC 4180 records: quoted fields may hold the delimiter, `""` and line breaks; CRLF, LF and CR all
 * end a record. `line` is the record number (what Excel shows as the row), not the physical line.
 * Lenient where Excel is: a quote in the middle of an unquoted field is kept literally.
 */
export function* parseCsvRecords(text: string, delimiter = ','): Generator<SheetRow> {
  const n = text.length;
  let i = 0;
  let line = 0;
  while (i < n) {
    line++;
    const cells: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        // Quoted field.
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter is kept (Excel does the same).
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        let j = i;
        while (j < n) {
          const ch = text[j];
          if (ch === delimiter || ch === '\n' || ch === '\r') break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
      if (cells.length < IMPORT_LIMITS.maxColumns) cells.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === delimiter) {
        i++;
        if (i >= n) {
          if (cells.length < IMPORT_LIMITS.maxColumns) cells.push('');
          endOfRecord = true;
        }
      } else {
        if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
        else i++;
        endOfRecord = true;
      }
    }
    yield { line, cells };
  }
}

/** Reads a CSV (or tab-separated) export into a Sheet. Throws SheetError when over the limits. */
export function readCsv(bytes: Uint8Array): Sheet {
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw tooLarge(bytes.byteLength);
  const { text } = decodeText(bytes);
  if (text.includes('\u0000')) {
    throw new SheetError('UNSUPPORTED_MEDIA_TYPE', '文件不是文本格式的 CSV', 'the file is not a text CSV');
  }
  return sheetFromRows(parseCsvRecords(text, sniffDelimiter(text)));
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

/** Writes RFC 4180 CSV (CRLF, quoting only when needed); with `bom`, Excel opens it as UTF-8. */
export function writeCsv(rows: readonly (readonly string[])[], opts: { bom?: boolean } = {}): Uint8Array {
  const text = rows
    .map((r) => r.map((c) => (needsQuotes.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
    .join('\r\n');
  return new TextEncoder().encode((opts.bom ? '\uFEFF' : '') + text);
}
