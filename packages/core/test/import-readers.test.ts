import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import {
  decodeXmlEntities,
  IMPORT_LIMITS,
  isDateFormat,
  parseCellRef,
  parseCsvRecords,
  readCsv,
  readSheet,
  readXlsx,
  SheetError,
  tidyNumber,
  tokenizeXml,
  writeCsv,
  writeXlsx,
} from '../src/index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Core is typed without Node (it must run in workerd); the tests read fixtures through node:fs anyway. */
const fs = (await import('node:fs' as string)) as { readFileSync(path: URL): Uint8Array };
const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('readCsv', () => {
  test('UTF-8 with BOM, CRLF, RFC 4180 quotes, blank rows skipped, line = the row a person sees', () => {
    const bytes = utf8('\uFEFF场景名称,预算\r\n"a, ""b""",1\r\n\r\n,\r\n"多\r\n行",2\r\nlast,3');
    const s = readCsv(bytes);
    expect(s.headers).toEqual(['场景名称', '预算']);
    expect(s.rows).toEqual([
      { line: 2, cells: ['a, "b"', '1'] },
      { line: 5, cells: ['多\r\n行', '2'] },
      { line: 6, cells: ['last', '3'] },
    ]);
  });

  test('UTF-8 without BOM and LF only', () => {
    const s = readCsv(utf8('title,domain\n智慧停车,EDA\n'));
    expect(s.rows).toEqual([{ line: 2, cells: ['智慧停车', 'EDA'] }]);
  });

  test('GB18030 (Excel "CSV" on Chinese Windows), including a 4-byte character', () => {
    const s = readCsv(fixture('scenarios-gb18030.csv'));
    expect(s.headers).toEqual([
      '场景名称',
      '发布单位',
      '所属领域',
      '所在区',
      '预算（万元）',
      '截止日期',
      '技术要求',
    ]);
    expect(s.rows[0]?.cells[0]).toBe('智慧路口信号优化，含"绿波"协调');
    expect(s.rows[0]?.cells[3]).toBe('硚口区');
    expect(s.rows[0]?.cells[4]).toBe('1,200');
    expect(s.rows[1]?.cells[0]).toBe('古籍𠮷字识别');
    expect(s.rows[1]?.line).toBe(3);
  });

  test('UTF-16LE tab-separated ("Unicode text" export)', () => {
    const text = '名称\t区\r\n甲\t江岸\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(readCsv(bytes).rows).toEqual([{ line: 2, cells: ['甲', '江岸'] }]);
  });

  test('property: parse(writeCsv(rows)) round-trips any text: quotes, commas, CR/LF, Chinese', () => {
    const cell = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '1',
        ' ',
        ',',
        '"',
        '\n',
        '\r',
        '\r\n',
        '中',
        '文',
        '，',
        '、',
        '𠮷',
        '\t',
        "'",
      ),
      maxLength: 12,
    });
    const row = fc
      .array(cell, { minLength: 1, maxLength: 6 })
      .filter((r) => !(r.length === 1 && r[0] === ''));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const text = new TextDecoder().decode(writeCsv(rows));
        const back = [...parseCsvRecords(text)].map((r) => r.cells);
        expect(back).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  test('property: readCsv(writeCsv(rows, BOM)) gives the header and the non-blank rows', () => {
    const cell = fc.string({ unit: fc.constantFrom('x', '"', ',', '\n', '中', ' '), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (body) => {
          const header = ['甲', '乙', '丙'];
          const s = readCsv(writeCsv([header, ...body], { bom: true }));
          expect(s.headers).toEqual(header);
          const expected = body
            .map((cells, i) => ({ line: i + 2, cells }))
            .filter((r) => r.cells.some((c) => c.trim() !== ''))
            .map((r) => {
              const cells = [...r.cells];
              while (cells.length && (cells[cells.length - 1] as string).trim() === '') cells.pop();
              return { line: r.line, cells };
            });
          expect(s.rows).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readXlsx', () => {
  test('shared strings (rich runs, phonetics left out), inline/str/n/b cells, gaps, date styles, merges', () => {
    const bytes = writeXlsx({
      rows: [
        ['2026年数字应用场景清单'],
        ['场景名称', '发布单位', '预算(万元)', '截止日期', '是否公开', '备注'],
        [
          { rich: ['智慧', '停车 & <诱导>'] },
          '武汉市城管局',
          1200.5,
          { date: 46387 },
          true,
          { inline: '内联' },
        ],
        ['第二个', null, 0.1, 46203, false, { formulaText: '公式结果' }],
        [],
        ['第三个', null, 1234.5599999999999, { date: 46387.75 }],
      ],
      rowNumbers: [1, 2, 3, 4, 5, 9],
      merges: ['B3:B4'],
    });
    const s = readXlsx(bytes);
    expect(s.headerLine).toBe(1);
    expect(s.headers).toEqual(['2026年数字应用场景清单']);
    expect(s.rows[0]).toEqual({
      line: 2,
      cells: ['场景名称', '发布单位', '预算(万元)', '截止日期', '是否公开', '备注'],
    });
    expect(s.rows[1]).toEqual({
      line: 3,
      cells: ['智慧停车 & <诱导>', '武汉市城管局', '1200.5', '2026-12-31', 'TRUE', '内联'],
    });
    // merged B3:B4 fills B4; an unstyled serial stays a number; str formula result kept
    expect(s.rows[2]).toEqual({
      line: 4,
      cells: ['第二个', '武汉市城管局', '0.1', '46203', 'FALSE', '公式结果'],
    });
    expect(s.rows[3]).toEqual({ line: 9, cells: ['第三个', '', '1234.56', '2026-12-31 18:00'] });
  });

  test('cells without r attributes are placed in order', () => {
    const s = readXlsx(
      writeXlsx({
        rows: [
          ['a', 'b'],
          ['1', '2'],
        ],
        omitCellRefs: true,
      }),
    );
    expect(s.rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
  });

  test('corrupt zip → SheetError BAD_REQUEST', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(() => readXlsx(bytes)).toThrow(SheetError);
    const r = readSheet(bytes, 'x.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
  });

  test('finds the first visible sheet through workbook rels (hidden first sheet, absolute target)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const sheet = (v: string) =>
      enc(
        `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${v}</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData></worksheet>`,
      );
    const bytes = zipSync({
      'xl/workbook.xml': enc(
        `<workbook xmlns:r="x"><workbookPr date1904="0"/><sheets><sheet name="隐藏" sheetId="1" state="hidden" r:id="rId7"/><sheet name="清单" sheetId="2" r:id="rId8"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': enc(
        `<Relationships><Relationship Id="rId7" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId8" Type="http://x/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': sheet('hidden'),
      'xl/worksheets/sheet2.xml': sheet('visible &amp; &#20013;'),
    });
    expect(readXlsx(bytes).headers).toEqual(['visible & 中']);
  });
});

describe('readSheet', () => {
  test('picks xlsx by magic bytes whatever the name, csv otherwise', () => {
    const x = readSheet(writeXlsx({ rows: [['a'], ['1']] }), 'list.csv');
    expect(x.ok && x.value.format).toBe('xlsx');
    const c = readSheet(utf8('a\n1'), 'list.xlsx.txt');
    expect(c.ok && c.value.format).toBe('csv');
  });

  test('old .xls is refused with a save-as hint', () => {
    const r = readSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.xls');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(r.error.message).toContain('另存为');
    }
  });

  test('limits: > 10 MB and > 20,000 rows are refused with a clear message', () => {
    const big = readSheet(new Uint8Array(IMPORT_LIMITS.maxBytes + 1), 'big.csv');
    expect(big.ok).toBe(false);
    if (!big.ok) {
      expect(big.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(big.error.message).toContain('10 MB');
    }
    const many = readSheet(utf8(`a\n${'1\n'.repeat(IMPORT_LIMITS.maxRows + 1)}`), 'many.csv');
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.error.message).toContain('20,000');
    const exactly = readSheet(utf8(`a\n${'1\n'.repeat(IMPORT_LIMITS.maxRows)}`), 'ok.csv');
    expect(exactly.ok).toBe(true);
    const wide = readSheet(
      writeXlsx({ rows: [['a'], ...Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, () => [1])] }),
      'many.xlsx',
    );
    expect(wide.ok).toBe(false);
  });

  test('empty file and blank sheet', () => {
    expect(readSheet(new Uint8Array(0), 'a.csv').ok).toBe(false);
    expect(readSheet(utf8('\r\n,,\r\n'), 'a.csv').ok).toBe(false);
  });
});

describe('xml and cell helpers', () => {
  test('entities, CDATA, comments, quoted > in attributes', () => {
    expect(decodeXmlEntities('&lt;a&gt; &amp;amp; &#x4E2D;&#25991; &quot;&apos; &bogus;')).toBe(
      '<a> &amp; 中文 "\' &bogus;',
    );
    const toks = [...tokenizeXml('<?xml?><!-- c --><a x="1>2" y=\'q\'><![CDATA[<raw>]]>t&amp;</a><b/>')];
    expect(toks).toEqual([
      { type: 'tag', tag: { name: 'a', attrs: { x: '1>2', y: 'q' }, closing: false, selfClosing: false } },
      { type: 'text', text: '<raw>' },
      { type: 'text', text: 't&' },
      { type: 'tag', tag: { name: 'a', attrs: {}, closing: true, selfClosing: false } },
      { type: 'tag', tag: { name: 'b', attrs: {}, closing: false, selfClosing: true } },
    ]);
  });

  test('cell refs, number tidying, date formats', () => {
    expect(parseCellRef('B7')).toEqual({ col: 1, row: 7 });
    expect(parseCellRef('AA10')).toEqual({ col: 26, row: 10 });
    expect(parseCellRef('XFD1')).toEqual({ col: 16383, row: 1 });
    expect(tidyNumber('1.2E-3')).toBe('0.0012');
    expect(tidyNumber('0.30000000000000004')).toBe('0.3');
    expect(tidyNumber('13800138000')).toBe('13800138000');
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('[$-804]yyyy/m/d')).toBe(true);
    expect(isDateFormat('#,##0.00"万元"')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });
});
