import { zipSync } from 'fflate';

/**
 * A minimal .xlsx writer: one sheet, shared strings, numbers, booleans, dates (styled serials),
 * inline and rich-text strings, merged ranges. Used for import templates and by the tests (which
 * need real workbooks with every cell type the reader handles).
 */
export type XlsxCell =
  | string
  | number
  | boolean
  | null
  | undefined
  | { date: number }
  | { inline: string }
  | { formulaText: string }
  | { rich: string[] };

export interface XlsxSheetSpec {
  name?: string;
  /** rows[i] is spreadsheet row i+1 unless `rowNumbers` says otherwise; null/undefined cells are left out. */
  rows: XlsxCell[][];
  rowNumbers?: number[];
  merges?: string[];
  /** Leave out `r` attributes on cells (positions implied by order, as some writers do). */
  omitCellRefs?: boolean;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const t = (s: string) => `<t xml:space="preserve">${esc(s)}</t>`;

export const columnName = (i: number): string => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

export function writeXlsx(spec: XlsxSheetSpec): Uint8Array {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const sst = (xml: string) => {
    let i = sharedIndex.get(xml);
    if (i === undefined) {
      i = shared.length;
      shared.push(xml);
      sharedIndex.set(xml, i);
    }
    return i;
  };
  const rowsXml = spec.rows
    .map((cells, ri) => {
      const rn = spec.rowNumbers?.[ri] ?? ri + 1;
      const cx = cells
        .map((c, ci) => {
          if (c === null || c === undefined) return '';
          const r = spec.omitCellRefs ? '' : ` r="${columnName(ci)}${rn}"`;
          if (typeof c === 'string') return `<c${r} t="s"><v>${sst(`<si>${t(c)}</si>`)}</v></c>`;
          if (typeof c === 'number') return `<c${r}><v>${c}</v></c>`;
          if (typeof c === 'boolean') return `<c${r} t="b"><v>${c ? 1 : 0}</v></c>`;
          if ('date' in c) return `<c${r} s="1"><v>${c.date}</v></c>`;
          if ('inline' in c) return `<c${r} t="inlineStr"><is>${t(c.inline)}</is></c>`;
          if ('formulaText' in c) return `<c${r} t="str"><f>CONCAT("a")</f><v>${esc(c.formulaText)}</v></c>`;
          const runs = c.rich.map((x, k) => `<r>${k % 2 ? '<rPr><b/></rPr>' : ''}${t(x)}</r>`).join('');
          return `<c${r} t="s"><v>${sst(`<si>${runs}<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>`)}</v></c>`;
        })
        .join('');
      return `<row r="${rn}">${cx}</row>`;
    })
    .join('');
  const merges = spec.merges?.length
    ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  const enc = (s: string) => new TextEncoder().encode(s);
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': enc(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': enc(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': enc(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rns}"><sheets><sheet name="${esc(spec.name ?? 'Sheet1')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': enc(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rns}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rns}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rns}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': enc(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': enc(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${shared.length}" uniqueCount="${shared.length}">${shared.join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': enc(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}" xmlns:r="${rns}"><sheetData>${rowsXml}</sheetData>${merges}</worksheet>`,
    ),
  });
}
