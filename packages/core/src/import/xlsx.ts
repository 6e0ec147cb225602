import { unzipSync } from 'fflate';
import {
  IMPORT_LIMITS,
  type Sheet,
  SheetError,
  type SheetRow,
  sheetFromRows,
  tooLarge,
  tooManyRows,
} from './sheet.ts';
import { decodeOoxmlEscapes, tokenizeXml } from './xml.ts';

const badFile = (why: string, whyEn: string) =>
  new SheetError('BAD_REQUEST', `无法读取 Excel 文件：${why}`, `cannot read the Excel file: ${whyEn}`);

/** "B7" → column index 1 (0-based), row 7; null when malformed. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/** Excel's serial day number (1900 system, with its phantom 1900-02-29) → UTC ms of that wall-clock time. */
export function excelSerialToUtcMs(serial: number, date1904 = false): number {
  const days = date1904 ? serial + 1462 : serial;
  // 25569 = serial of 1970-01-01 in the 1900 system; serials < 61 sit before the phantom leap day.
  const adjusted = !date1904 && days < 61 ? days + 1 : days;
  return Math.round((adjusted - 25569) * 86_400_000);
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom number format shows a date/time if it has y/m/d/h/s outside quotes, escapes and [..]. */
export function isDateFormat(code: string): boolean {
  const stripped = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(stripped)) return false;
  return /[ymdhs年月日]/i.test(stripped) && !/^[#0.,%\s]*$/.test(stripped);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A date-formatted serial as the text a person sees: "2026-12-31" or "2026-12-31 17:30". */
function serialToText(serial: number, date1904: boolean): string {
  const d = new Date(excelSerialToUtcMs(serial, date1904));
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  if (secs === 0) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** Excel stores 15 significant digits; tidy "1234.5599999999999" and "1.2E-3" to what Excel shows. */
export function tidyNumber(raw: string): string {
  const t = raw.trim();
  // Plain decimals of at most 15 significant digits are already what Excel shows.
  if (/^-?\d+(\.\d+)?$/.test(t) && t.replace(/^-?0*\.?0*|\./g, '').length <= 15) return t;
  const n = Number(t);
  if (!Number.isFinite(n)) return t;
  const p = Number(n.toPrecision(15));
  if (Number.isInteger(p) && Math.abs(p) < 1e21) return BigInt(p).toString();
  const s = String(p);
  return s.includes('e') ? p.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

const decoder = new TextDecoder('utf-8');
const text = (bytes: Uint8Array | undefined) => (bytes ? decoder.decode(bytes) : '');

/** Resolves a relationship target against `xl/`. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface WorkbookInfo {
  sheetPath: string;
  date1904: boolean;
}

function readWorkbook(files: Record<string, Uint8Array>): WorkbookInfo {
  const rels = new Map<string, string>();
  for (const t of tokenizeXml(text(files['xl/_rels/workbook.xml.rels']))) {
    if (t.type === 'tag' && t.tag.name === 'Relationship' && !t.tag.closing) {
      const id = t.tag.attrs.Id;
      const target = t.tag.attrs.Target;
      if (id && target && /worksheet/i.test(t.tag.attrs.Type ?? 'worksheet'))
        rels.set(id, resolveTarget(target));
    }
  }
  let date1904 = false;
  const sheets: { rid: string; hidden: boolean }[] = [];
  for (const t of tokenizeXml(text(files['xl/workbook.xml']))) {
    if (t.type !== 'tag' || t.tag.closing) continue;
    if (t.tag.name === 'workbookPr') {
      const v = t.tag.attrs.date1904;
      date1904 = v === '1' || v === 'true';
    } else if (t.tag.name === 'sheet') {
      const rid = t.tag.attrs['r:id'] ?? t.tag.attrs.id ?? '';
      sheets.push({ rid, hidden: (t.tag.attrs.state ?? 'visible') !== 'visible' });
    }
  }
  const ordered = [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)];
  for (const s of ordered) {
    const path = rels.get(s.rid);
    if (path && files[path]) return { sheetPath: path, date1904 };
  }
  // No usable workbook.xml: fall back to the lowest-numbered worksheet part.
  const fallback = Object.keys(files)
    .filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))[0];
  if (!fallback) throw badFile('找不到工作表', 'no worksheet found');
  return { sheetPath: fallback, date1904 };
}

/** Shared strings, rich-text runs concatenated, phonetic runs (<rPh>) left out. */
function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let cur = '';
  for (const t of tokenizeXml(xml)) {
    if (t.type === 'text') {
      if (inSi && inT && phonetic === 0) cur += t.text;
      continue;
    }
    const { name, closing, selfClosing } = t.tag;
    if (name === 'si') {
      if (selfClosing) out.push('');
      else if (closing) {
        out.push(decodeOoxmlEscapes(cur));
        inSi = false;
      } else {
        inSi = true;
        cur = '';
      }
    } else if (name === 't') {
      inT = !closing && !selfClosing;
    } else if (name === 'rPh' && !selfClosing) {
      phonetic += closing ? -1 : 1;
    }
  }
  return out;
}

/** cellXfs index → whether that style shows a date. */
function readDateStyles(xml: string): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  for (const t of tokenizeXml(xml)) {
    if (t.type !== 'tag') continue;
    const { name, attrs, closing } = t.tag;
    if (name === 'numFmt' && !closing) custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
    else if (name === 'cellXfs') inCellXfs = !closing && !t.tag.selfClosing;
    else if (name === 'xf' && inCellXfs && !closing) {
      const id = Number(attrs.numFmtId ?? 0);
      const code = custom.get(id);
      styles.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
    }
  }
  return styles;
}

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function readWorksheet(xml: string, shared: string[], dateStyles: boolean[], date1904: boolean): SheetRow[] {
  const grid = new Map<number, string[]>();
  const merges: Merge[] = [];
  let rowNum = 0;
  let colNum = -1;
  let cellType = 'n';
  let cellStyle = 0;
  let cellRef: { col: number; row: number } | null = null;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let value = '';
  let hasValue = false;
  let dataRows = 0;

  const put = (row: number, col: number, v: string) => {
    if (col < 0 || col >= IMPORT_LIMITS.maxColumns) return;
    let cells = grid.get(row);
    if (!cells) {
      cells = [];
      grid.set(row, cells);
      if (++dataRows > IMPORT_LIMITS.maxRows + 50) throw tooManyRows();
    }
    while (cells.length < col) cells.push('');
    cells[col] = v;
  };

  for (const t of tokenizeXml(xml)) {
    if (t.type === 'text') {
      if (inV || (inIs && inT && phonetic === 0)) value += t.text;
      continue;
    }
    const { name, attrs, closing, selfClosing } = t.tag;
    switch (name) {
      case 'row':
        if (!closing) {
          rowNum = attrs.r ? Number(attrs.r) : rowNum + 1;
          colNum = -1;
        }
        break;
      case 'c': {
        if (!closing) {
          cellRef = attrs.r ? parseCellRef(attrs.r) : null;
          colNum = cellRef ? cellRef.col : colNum + 1;
          cellType = attrs.t ?? 'n';
          cellStyle = Number(attrs.s ?? 0);
          value = '';
          hasValue = false;
        }
        if (closing || selfClosing) {
          if (hasValue) {
            const row = cellRef?.row ?? rowNum;
            let v = value;
            switch (cellType) {
              case 's':
                v = shared[Number(value)] ?? '';
                break;
              case 'b':
                v = value.trim() === '1' ? 'TRUE' : 'FALSE';
                break;
              case 'inlineStr':
              case 'str':
                v = decodeOoxmlEscapes(value);
                break;
              case 'n': {
                const n = Number(value);
                if (value.trim() !== '' && Number.isFinite(n) && dateStyles[cellStyle])
                  v = serialToText(n, date1904);
                else v = tidyNumber(value);
                break;
              }
              default:
                break; // 'e' (#N/A …) and 'd' (ISO date text) are kept as written
            }
            put(row, colNum, v);
          }
          cellRef = null;
        }
        break;
      }
      case 'v':
        inV = !closing && !selfClosing;
        if (inV) hasValue = true;
        break;
      case 'is':
        inIs = !closing && !selfClosing;
        if (inIs) hasValue = true;
        break;
      case 't':
        inT = !closing && !selfClosing;
        break;
      case 'rPh':
        if (!selfClosing) phonetic += closing ? -1 : 1;
        break;
      case 'mergeCell': {
        const [a, b] = (attrs.ref ?? '').split(':');
        const p = a ? parseCellRef(a) : null;
        const q = b ? parseCellRef(b) : null;
        if (p && q) merges.push({ r1: p.row, c1: p.col, r2: q.row, c2: q.col });
        break;
      }
      default:
        break;
    }
  }

  // A merged block shows its top-left value across the whole block; fill it so every row has it.
  for (const m of merges) {
    const v = grid.get(m.r1)?.[m.c1];
    if (v === undefined || v === '') continue;
    if ((m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1) > 100_000) continue;
    for (let r = m.r1; r <= m.r2; r++) {
      for (let c = m.c1; c <= Math.min(m.c2, IMPORT_LIMITS.maxColumns - 1); c++) {
        if (r === m.r1 && c === m.c1) continue;
        if (!grid.has(r) && r !== m.r1) {
          // Only fill rows that exist; a merge reaching into empty rows should not invent rows.
          continue;
        }
        put(r, c, v);
      }
    }
  }

  return [...grid.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, cells]) => ({ line, cells: Array.from(cells, (c) => c ?? '') }));
}

/**
 * Reads the first visible worksheet of an .xlsx (Office Open XML) workbook. Date-formatted cells
 * become "YYYY-MM-DD" (or "YYYY-MM-DD HH:mm"); numbers are shown as Excel shows them; merged
 * blocks are filled with their value. Throws SheetError on a corrupt file or over the limits.
 */
export function readXlsx(bytes: Uint8Array): Sheet {
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw tooLarge(bytes.byteLength);
  let files: Record<string, Uint8Array>;
  let unzipped = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted =
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          f.name === 'xl/sharedStrings.xml' ||
          f.name === 'xl/styles.xml' ||
          f.name.startsWith('xl/worksheets/sheet');
        if (!wanted) return false;
        unzipped += f.originalSize;
        if (unzipped > IMPORT_LIMITS.maxUnzippedBytes) throw tooLarge(unzipped);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof SheetError) {
      throw new SheetError(
        'PAYLOAD_TOO_LARGE',
        '工作簿解压后过大（超过 200 MB），请删除多余的工作表或拆分文件',
        'the workbook is too large once unzipped (over 200 MB); remove extra sheets or split it',
      );
    }
    throw badFile('文件已损坏或不是 .xlsx 格式', 'the file is corrupt or not an .xlsx');
  }
  const { sheetPath, date1904 } = readWorkbook(files);
  const shared = readSharedStrings(text(files['xl/sharedStrings.xml']));
  const dateStyles = readDateStyles(text(files['xl/styles.xml']));
  return sheetFromRows(readWorksheet(text(files[sheetPath]), shared, dateStyles, date1904));
}
