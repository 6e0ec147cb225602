import { describe, expect, test } from 'vitest';
import {
  completeUscc,
  headerKey,
  matchArea,
  matchDistrict,
  matchDomain,
  parseCertificationList,
  parseDeadline,
  parseMoneyFen,
  parseRequirements,
  parseYear,
  previewFirmImport,
  previewImportFile,
  previewScenarioImport,
  readCsv,
  type Sheet,
  writeCsv,
  writeXlsx,
} from '../src/index.ts';

/** Core is typed without Node (it must run in workerd); the tests read fixtures through node:fs anyway. */
const fs = (await import('node:fs' as string)) as { readFileSync(path: URL): Uint8Array };
const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

const NOW = new Date('2026-03-01T00:00:00Z');
const sheetOf = (rows: string[][]): Sheet => readCsv(writeCsv(rows));
const importer = { name: '武汉市交通运输局' };

describe('cell parsers', () => {
  test.each([
    ['2026-12-31', '2026-12-31T15:59:59.999Z'],
    ['2026/12/31', '2026-12-31T15:59:59.999Z'],
    ['2026/1/5', '2026-01-05T15:59:59.999Z'],
    ['2026年12月31日', '2026-12-31T15:59:59.999Z'],
    ['２０２６年１２月３１日', '2026-12-31T15:59:59.999Z'],
    ['2026.12.31', '2026-12-31T15:59:59.999Z'],
    ['20261231', '2026-12-31T15:59:59.999Z'],
    ['46387', '2026-12-31T15:59:59.999Z'],
    ['46387.75', '2026-12-31T10:00:00.000Z'],
    ['2026-12-31 17:30', '2026-12-31T09:30:00.000Z'],
    ['2026年12月31日 17:00', '2026-12-31T09:00:00.000Z'],
    ['2026-12-31T17:00:00+08:00', '2026-12-31T09:00:00.000Z'],
    ['2026-01-01', '2026-01-01T15:59:59.999Z'],
    ['2028-02-29', '2028-02-29T15:59:59.999Z'],
    ['', null],
    ['长期', null],
  ])('deadline %s → %s (end of that day in Asia/Shanghai)', (raw, iso) => {
    expect(parseDeadline(raw)).toEqual({ ok: true, value: iso });
  });

  test.each(['2026-02-30', '2027-02-29', '2026-13-01', '明年年底', '31/12/2026', '0'])(
    'bad date %s',
    (raw) => {
      const r = parseDeadline(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('不是有效日期');
    },
  );

  test.each([
    ['1,200', '万元', 1_200_000_000],
    ['１２００', '万元', 1_200_000_000],
    ['1200万', '元', 1_200_000_000],
    ['1200万元', '万元', 1_200_000_000],
    ['35.5', '万元', 35_500_000],
    ['0.000001', '万元', 1],
    ['12.3456789', '万元', 12_345_679],
    ['1234.5599999999999', '万元', 1_234_560_000],
    ['0.1', '万元', 100_000],
    ['¥ 3,500.25', '元', 350_025],
    ['3500.25元', '万元', 350_025],
    ['0.5亿', '万元', 5_000_000_000],
    ['90071992.54740991', '万元', 90_071_992_547_410],
    ['面议', '万元', null],
    ['', '万元', null],
    ['-', '万元', null],
  ] as const)('money %s (%s) → %s fen, exactly', (raw, unit, fen) => {
    expect(parseMoneyFen(raw, unit)).toEqual({ ok: true, value: fen });
  });

  test('money errors', () => {
    expect(parseMoneyFen('-5').ok).toBe(false);
    expect(parseMoneyFen('100-200万').ok).toBe(false);
    expect(parseMoneyFen('9999999999999').ok).toBe(false);
  });

  test('headers: full-width brackets, spaces, stars, units', () => {
    expect(headerKey('预算（万元）')).toEqual({ key: '预算', unit: '万元' });
    expect(headerKey(' 预算 金额 ( 万元 ) ')).toEqual({ key: '预算金额', unit: '万元' });
    expect(headerKey('*场景名称：')).toEqual({ key: '场景名称', unit: null });
    expect(headerKey('场景名称（必填）')).toEqual({ key: '场景名称', unit: null });
    expect(headerKey('Title')).toEqual({ key: 'title', unit: null });
  });

  test('vocabularies: labels, codes, aliases', () => {
    expect(matchDomain('行业信息化')).toBe('industry-it');
    expect(matchDomain('industry-it')).toBe('industry-it');
    expect(matchDomain('Industrial software')).toBe('industrial-software');
    expect(matchDomain('网络安全')).toBe('cybersecurity');
    expect(matchDomain('人工智能')).toBe('emerging-platforms');
    expect(matchDomain('eda')).toBe('eda');
    expect(matchDomain('北斗')).toBe('geospatial');
    expect(matchDomain('量子计算')).toBeNull();
    expect(matchDistrict('东湖高新区')).toBe('east-lake-hightech');
    expect(matchDistrict('光谷')).toBe('east-lake-hightech');
    expect(matchDistrict('经开区')).toBe('wuhan-econ-dev');
    expect(matchDistrict('车谷')).toBe('wuhan-econ-dev');
    expect(matchDistrict('江岸')).toBe('jiangan');
    expect(matchDistrict('江岸区')).toBe('jiangan');
    expect(matchDistrict('湖北省武汉市洪山区')).toBe('hongshan');
    expect(matchDistrict('东西湖')).toBe('dongxihu');
    expect(matchDistrict('全市')).toBe('citywide');
    expect(matchDistrict('海淀区')).toBeNull();
    expect(matchArea('智慧交通')).toBe('transport');
    expect(matchArea('交通')).toBe('transport');
    expect(matchArea('卫生健康')).toBe('healthcare');
  });

  test('years', () => {
    expect(parseYear('2015', 2026)).toEqual({ ok: true, value: 2015 });
    expect(parseYear('2015年3月', 2026)).toEqual({ ok: true, value: 2015 });
    expect(parseYear('2015-03-01', 2026)).toEqual({ ok: true, value: 2015 });
    expect(parseYear('42064', 2026)).toEqual({ ok: true, value: 2015 });
    expect(parseYear('2030', 2026).ok).toBe(false);
  });
});

describe('requirement parser', () => {
  test('certifications with levels, the rest kept as technical', () => {
    expect(parseRequirements('CSMM三级及以上、ISO27001、信创适配')).toEqual([
      {
        kind: 'certification',
        code: 'CSMM',
        level: 3,
        value: null,
        mandatory: true,
        description: 'CSMM三级及以上',
      },
      {
        kind: 'certification',
        code: 'ISO27001',
        level: null,
        value: null,
        mandatory: true,
        description: 'ISO27001',
      },
      {
        kind: 'certification',
        code: 'XINCHUANG',
        level: null,
        value: null,
        mandatory: true,
        description: '信创适配',
      },
    ]);
    const r = parseRequirements(
      'DCMM 稳健级；ISO/IEC 27001；等保三级\n具备CMMI 5级者优先，支持国产数据库，提供7×24小时运维；在汉注册纳税；近三年类似项目业绩',
    );
    expect(r.map((x) => [x.kind, x.code, x.level, x.mandatory])).toEqual([
      ['certification', 'DCMM', 3, true],
      ['certification', 'ISO27001', null, true],
      ['certification', 'MLPS3', null, true],
      ['certification', 'CMMI', 5, false],
      ['local_tax', null, null, true],
      ['experience', null, null, true],
      ['technical', null, null, true],
    ]);
    expect(r.at(-1)?.description).toBe('支持国产数据库；提供7×24小时运维');
  });

  test('levels written every way', () => {
    const lv = (s: string) => parseRequirements(s)[0]?.level;
    expect(lv('CSMM 3级')).toBe(3);
    expect(lv('软件能力成熟度四级')).toBe(4);
    expect(lv('CMMI ML3')).toBe(3);
    expect(lv('CMMI Level 5')).toBe(5);
    expect(lv('CSMM')).toBeNull();
    expect(lv('ITSS二级')).toBe(2);
  });

  test('firm certification lists', () => {
    expect(parseCertificationList('CMMI3、ISO9001，专精特新“小巨人”; 软件企业认定')).toEqual({
      certifications: [
        { code: 'CMMI', level: null },
        { code: 'ISO9001', level: null },
        { code: 'ZJTX-GIANT', level: null },
      ],
      unknown: ['软件企业认定'],
    });
    expect(parseCertificationList('CMMI 3级').certifications).toEqual([{ code: 'CMMI', level: 3 }]);
  });
});

const HEAD = [
  '序号',
  '项目名称',
  '需求单位',
  '技术领域',
  '行业',
  '区域',
  '类型',
  '预算金额（万元）',
  '奖补资金(万元)',
  '申报截止',
  '需求描述',
  '存在问题',
  '建设目标',
  '资质要求',
  '联系人',
  '联系电话',
  '联系邮箱',
  '备注',
];

describe('previewScenarioImport', () => {
  test('synonyms, unknown columns ignored and reported, every value mapped', async () => {
    const p = await previewScenarioImport(
      sheetOf([
        HEAD,
        [
          '1',
          '智慧路口信号优化',
          '武汉市交通运输局',
          '行业信息化',
          '智慧交通',
          '江岸',
          '揭榜挂帅',
          '1,200',
          '300',
          '2026年12月31日',
          '基于车路协同',
          '高峰拥堵',
          '通行效率提升15%',
          'CSMM三级及以上、ISO27001、信创适配',
          '张工',
          '027-87654321',
          'Zhang@Example.cn',
          '无',
        ],
      ]),
      { importer, now: NOW },
    );
    expect(p.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['序号', '备注']);
    expect(p.columns[0]?.note).toContain('不导入');
    expect(p.columns.find((c) => c.header === '预算金额（万元）')).toEqual({
      header: '预算金额（万元）',
      field: 'budgetFen',
      note: '万元',
    });
    expect(p.missing).toEqual([]);
    expect(p).toMatchObject({ kind: 'scenarios', total: 1, valid: 1, invalid: 0, duplicates: [] });
    expect(p.rows[0]?.errors).toEqual([]);
    expect(p.rows[0]?.record).toEqual({
      line: 2,
      kind: 'challenge',
      title: '智慧路口信号优化',
      issuerName: null,
      summary: '基于车路协同',
      problem: '高峰拥堵',
      goals: '通行效率提升15%',
      kpis: [],
      domain: 'industry-it',
      secondaryDomains: [],
      area: 'transport',
      district: 'jiangan',
      budgetFen: 1_200_000_000,
      rewardFen: 300_000_000,
      subsidyFen: null,
      deadline: '2026-12-31T15:59:59.999Z',
      deliveryMonths: null,
      contactName: '张工',
      contactPhone: '027-87654321',
      contactEmail: 'zhang@example.cn',
      requirements: [
        {
          kind: 'certification',
          code: 'CSMM',
          level: 3,
          value: null,
          mandatory: true,
          description: 'CSMM三级及以上',
        },
        {
          kind: 'certification',
          code: 'ISO27001',
          level: null,
          value: null,
          mandatory: true,
          description: 'ISO27001',
        },
        {
          kind: 'certification',
          code: 'XINCHUANG',
          level: null,
          value: null,
          mandatory: true,
          description: '信创适配',
        },
      ],
    });
  });

  test('English headers and other synonym sets', async () => {
    const en = await previewScenarioImport(
      sheetOf([
        ['Title', 'Domain', 'District', 'Area', 'Budget', 'Deadline', 'Contact', 'Phone', 'Email', 'Kind'],
        [
          'Smart parking',
          'industry-it',
          'wuchang',
          'transport',
          '50',
          '2026-06-30',
          'Li',
          '13800138000',
          'li@x.cn',
          'scenario',
        ],
      ]),
      { now: NOW },
    );
    expect(en.rows[0]?.errors).toEqual([]);
    expect(en.rows[0]?.record).toMatchObject({
      title: 'Smart parking',
      district: 'wuchang',
      budgetFen: 50_000_000,
    });
    for (const [title, domain, district, budget] of [
      ['榜单名称', '所属领域', '所在区', '预算（万元）'],
      ['场景名称', '技术领域', '所属区', '预算(万元)'],
      ['场景 名称', '所属 领域', '区域', '预算 （万元）'],
    ] as const) {
      const p = await previewScenarioImport(
        sheetOf([
          [title, domain, district, budget],
          ['甲', '工业软件', '经开区', '１２００'],
        ]),
        { now: NOW },
      );
      expect(p.rows[0]?.record).toMatchObject({
        title: '甲',
        domain: 'industrial-software',
        district: 'wuhan-econ-dev',
        budgetFen: 1_200_000_000,
      });
    }
  });

  test('a domain cell may name several domains: the first is primary, the rest further ones', async () => {
    const p = await previewScenarioImport(
      sheetOf([
        ['场景名称', '所属领域', '所在区'],
        ['甲', '行业信息化、网络安全', '江岸区'],
        ['乙', 'industry-it, geospatial；EDA', '江岸区'],
        ['丙', '工业软件／工业软件/嵌入式', '江岸区'],
        ['丁', '行业信息化、量子计算', '江岸区'],
        ['戊', '基础软件、工业软件、网络安全、EDA、汽车软件', '江岸区'],
      ]),
      { now: NOW },
    );
    const domains = p.rows.map((r) => r.record && [r.record.domain, r.record.secondaryDomains]);
    expect(domains.slice(0, 3)).toEqual([
      ['industry-it', ['cybersecurity']],
      ['industry-it', ['geospatial', 'eda']],
      ['industrial-software', ['embedded']],
    ]);
    expect(p.rows[3]?.errors.map((e) => [e.column, e.message])).toEqual([
      ['所属领域', expect.stringContaining('无法识别的所属领域“量子计算”')],
    ]);
    expect(p.rows[4]?.errors.map((e) => e.message)).toEqual(['所属领域最多填写 4 个（第一个为主领域）']);
  });

  test('every per-row, per-column error names the person’s header', async () => {
    const p = await previewScenarioImport(
      sheetOf([
        HEAD,
        [
          '1',
          '',
          '武汉市交通运输局',
          '量子计算',
          '外太空',
          '海淀区',
          '招标',
          '一千',
          '-5',
          '2026-02-30',
          '',
          '',
          '',
          '',
          '',
          '电话：无',
          'not-an-email',
          '',
        ],
        ['2', '有名称', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
        ['3', 'x'.repeat(121), '', 'EDA', '', '江夏', '', '', '', '明年', '', '', '', '', '', '', '', ''],
      ]),
      { importer, now: NOW },
    );
    expect(p.valid).toBe(0);
    expect(p.invalid).toBe(3);
    const cols = (i: number) => p.rows[i]?.errors.map((e) => e.column);
    expect(cols(0)).toEqual([
      '项目名称',
      '技术领域',
      '区域',
      '行业',
      '类型',
      '预算金额（万元）',
      '奖补资金(万元)',
      '申报截止',
    ]);
    expect(p.rows[0]?.errors.find((e) => e.column === '技术领域')?.message).toContain(
      '无法识别的所属领域“量子计算”',
    );
    expect(p.rows[0]?.errors.find((e) => e.column === '奖补资金(万元)')?.message).toBe('金额不能为负数');
    expect(p.rows[0]?.errors.every((e) => e.messageEn.length > 0)).toBe(true);
    expect(cols(1)).toEqual(['技术领域', '区域']);
    expect(p.rows[1]?.errors[0]?.message).toContain('技术领域不能为空');
    // phone and email are checked by the valibot schema once the cells parse
    expect(cols(2)).toEqual(['申报截止']);
    const p2 = await previewScenarioImport(
      sheetOf([
        HEAD,
        ['1', 'x'.repeat(121), '', 'EDA', '', '江夏', '', '', '', '', '', '', '', '', '', '电话', 'bad@', ''],
      ]),
      { importer, now: NOW },
    );
    expect(p2.rows[0]?.errors.map((e) => [e.column, e.message])).toEqual([
      ['项目名称', '场景名称最多 120 个字'],
      ['联系电话', '联系电话格式不正确，如 027-87654321 或 13800138000'],
      ['联系邮箱', '联系邮箱格式不正确'],
    ]);
  });

  test('missing required columns are listed and each row says so', async () => {
    const p = await previewScenarioImport(
      sheetOf([
        ['场景名称', '发布单位'],
        ['甲', ''],
      ]),
      { now: NOW },
    );
    expect(p.missing.map((m) => m.label)).toEqual(['所属领域', '所在区']);
    expect(p.rows[0]?.errors.map((e) => e.column)).toEqual(['所属领域', '所在区']);
  });

  test('defaults with warnings: area, kind; past deadline warns', async () => {
    const p = await previewScenarioImport(
      sheetOf([
        ['场景名称', '领域', '区'],
        ['甲', 'EDA', '光谷'],
      ]),
      { now: NOW },
    );
    expect(p.rows[0]?.record).toMatchObject({
      kind: 'scenario',
      area: 'government',
      district: 'east-lake-hightech',
    });
    expect(p.rows[0]?.warnings.map((w) => w.field)).toEqual(['area']);
    const late = await previewScenarioImport(
      sheetOf([
        ['场景名称', '领域', '区', '截止日期'],
        ['甲', 'EDA', '光谷', '2025-01-01'],
      ]),
      {
        now: NOW,
        defaults: { area: 'education' },
      },
    );
    expect(late.rows[0]?.record?.area).toBe('education');
    expect(late.rows[0]?.warnings.map((w) => w.field)).toEqual(['area', 'deadline']);
  });

  test('issuer rule: agencies import their own scenarios only; organizers keep the name', async () => {
    const rows = [
      ['场景名称', '发布单位', '所属领域', '所在区'],
      ['甲', '武汉市交通运输局', 'EDA', '江岸'],
      ['乙', ' 武汉市 交通运输局 ', 'EDA', '江岸'],
      ['丙', '武汉市卫生健康委员会', 'EDA', '江岸'],
      ['丁', '', 'EDA', '江岸'],
    ];
    const agency = await previewScenarioImport(sheetOf(rows), { importer, now: NOW });
    expect(agency.rows.map((r) => r.errors.map((e) => e.column))).toEqual([[], [], ['发布单位'], []]);
    expect(agency.rows[2]?.errors[0]?.message).toContain('只能导入本单位');
    const organizer = await previewScenarioImport(sheetOf(rows), {
      importer: { name: '武汉市经济和信息化局', organizer: true },
      now: NOW,
    });
    expect(organizer.valid).toBe(4);
    expect(organizer.rows.map((r) => r.record?.issuerName)).toEqual([
      '武汉市交通运输局',
      '武汉市交通运输局',
      '武汉市卫生健康委员会',
      null,
    ]);
  });

  test('duplicates: same title + issuer within the file (later rows are errors)', async () => {
    const p = await previewScenarioImport(
      sheetOf([
        ['场景名称', '所属领域', '所在区'],
        ['智慧停车', 'EDA', '江岸'],
        ['其他', 'EDA', '江岸'],
        ['智慧 停车', 'EDA', '武昌'],
        ['智慧停车', 'EDA', '汉阳'],
      ]),
      { importer, now: NOW },
    );
    expect(p.duplicates).toEqual([
      expect.objectContaining({ lines: [2, 4, 5], message: expect.stringContaining('第 2、4、5 行重复') }),
    ]);
    expect(p.rows.map((r) => r.errors.length)).toEqual([0, 0, 1, 1]);
    expect(p.rows[2]?.errors[0]?.column).toBe('场景名称');
    expect(p.valid).toBe(2);
  });

  test('title row above the header, blank rows skipped, long description split into summary + problem', async () => {
    const long = `${'很长的描述。'.repeat(100)}`;
    const bytes = writeXlsx({
      rows: [
        ['2026年武汉市数字应用场景清单（第一批）'],
        [],
        ['序号', '场景名称', '所属领域', '所在区', '场景描述', '截止日期'],
        [1, '甲', '基础软件', '洪山区', long, { date: 46387 }],
        [],
        [2, '乙', '汽车软件', '车谷', '短', 46203],
      ],
    });
    const r = await previewImportFile(bytes, '清单.xlsx', 'scenarios', { importer, now: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value;
    expect(p.headerLine).toBe(3);
    expect(p.file).toMatchObject({ name: '清单.xlsx', format: 'xlsx', bytes: bytes.byteLength });
    expect(p.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.columns.map((c) => c.field)).toEqual([
      null,
      'title',
      'domain',
      'district',
      'summary',
      'deadline',
    ]);
    expect(p.rows.map((x) => x.line)).toEqual([4, 6]);
    const a = p.rows[0]?.record;
    expect(a?.summary.length).toBeLessThanOrEqual(500);
    expect(a?.summary.endsWith('…')).toBe(true);
    expect(a?.problem).toBe(long);
    expect(a?.deadline).toBe('2026-12-31T15:59:59.999Z');
    expect(p.rows[1]?.record?.deadline).toBe('2026-06-30T15:59:59.999Z');
  });

  test('the GB18030 fixture previews cleanly', async () => {
    const bytes = fixture('scenarios-gb18030.csv');
    const r = await previewImportFile(bytes, 'list.csv', 'scenarios', { importer, now: NOW });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.valid).toBe(2);
    expect(
      r.value.rows.map(
        (x) => x.record && [x.record.district, x.record.domain, x.record.budgetFen, x.record.deadline],
      ),
    ).toEqual([
      ['qiaokou', 'industry-it', 1_200_000_000, '2026-12-31T15:59:59.999Z'],
      ['east-lake-hightech', 'emerging-platforms', 35_500_000, '2026-06-30T15:59:59.999Z'],
    ]);
  });

  test('progress is reported and awaited', async () => {
    const rows = [
      ['场景名称', '所属领域', '所在区'],
      ...Array.from({ length: 1200 }, (_, i) => [`场景${i}`, 'EDA', '江岸']),
    ];
    const calls: [number, number][] = [];
    await previewScenarioImport(sheetOf(rows), {
      now: NOW,
      onProgress: async (d, t) => void calls.push([d, t]),
    });
    expect(calls).toEqual([
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });
});

describe('previewFirmImport', () => {
  const u1 = completeUscc('91420106MA4K0000X'.slice(0, 17));
  const u2 = completeUscc('9142010072000001'.padEnd(17, '1'));
  test('maps every column; USCC problems named; sizes, domains, certifications', async () => {
    const bad = `${u1.slice(0, 17)}${u1[17] === '0' ? '1' : '0'}`;
    const p = await previewFirmImport(
      sheetOf([
        [
          '单位名称',
          '统一社会信用代码',
          '企业规模',
          '注册地',
          '主营领域',
          '资质证书',
          '员工人数',
          '成立年份',
          '企业简介',
          '联系人',
          '电话',
          '邮箱',
          '备注',
        ],
        [
          ' 武汉光谷软件有限公司 ',
          u1.toLowerCase(),
          '中型',
          '光谷',
          '工业软件、EDA，人工智能; 量子',
          'CMMI 3级、ISO27001、软件企业',
          '１,２００',
          '2015年',
          '做工业软件',
          '王',
          '13800138000',
          'w@x.cn',
          '备注',
        ],
        ['坏代码公司', bad, '巨型', '海淀', '', '', '很多', '2099', '', '', '', '', ''],
        ['短代码公司', '9142', '', '', '', '', '', '', '', '', '', '', ''],
        ['字符公司', 'I1420106MA4K00001O', '', '', '', '', '', '', '', '', '', '', ''],
        ['', '', '', '', '', '', '', '', '', '', '', '', ''],
        ['无区公司', u2, '小型', '', '', '', '', '', '', '', '', '', ''],
      ]),
      { now: NOW },
    );
    expect(p.columns.filter((c) => !c.field).map((c) => c.header)).toEqual(['备注']);
    expect(p.rows[0]?.record).toEqual({
      line: 2,
      name: '武汉光谷软件有限公司',
      uscc: u1,
      size: 'medium',
      district: 'east-lake-hightech',
      domains: ['industrial-software', 'eda', 'emerging-platforms'],
      certifications: [
        { code: 'CMMI', level: 3 },
        { code: 'ISO27001', level: null },
      ],
      employees: 1200,
      foundedYear: 2015,
      description: '做工业软件',
      capability: '',
      website: null,
      contactName: '王',
      contactPhone: '13800138000',
      contactEmail: 'w@x.cn',
    });
    expect(p.rows[0]?.warnings.map((w) => w.column)).toEqual(['主营领域', '资质证书']);
    expect(p.rows[1]?.errors.map((e) => [e.column, e.message.replace(/^“[^”]*”：/, '')])).toEqual([
      ['统一社会信用代码', '统一社会信用代码校验位不正确，请核对是否抄错'],
      ['企业规模', '无法识别的企业规模“巨型”，可选：大型、中型、小型、微型'],
      ['注册地', '无法识别的区域“海淀”'],
      ['员工人数', '“很多”不是整数'],
      ['成立年份', '年份应在 1900 到 2026 之间'],
    ]);
    expect(p.rows[2]?.errors[0]?.message).toContain('应为 18 位');
    expect(p.rows[3]?.errors[0]?.message).toContain('无效字符');
    expect(p.rows).toHaveLength(5);
    // 420100 (the city itself) is no district: citywide, with a warning
    expect(p.rows[4]?.record?.district).toBe('citywide');
    expect(p.rows[4]?.warnings[0]?.column).toBe('注册地');
  });

  test('district inferred from the USCC division code', async () => {
    const u = completeUscc('91420106MA4K12345');
    const p = await previewFirmImport(
      sheetOf([
        ['企业名称', '统一社会信用代码'],
        ['甲', u],
      ]),
      { now: NOW },
    );
    expect(p.rows[0]?.record?.district).toBe('wuchang');
  });

  test('a USCC repeated within the file', async () => {
    const u = completeUscc('91420111MA4K12345');
    const p = await previewFirmImport(
      sheetOf([
        ['企业名称', '统一社会信用代码'],
        ['甲', u],
        ['乙', u.toLowerCase()],
        ['丙', ` ${u} `],
      ]),
      { now: NOW },
    );
    expect(p.duplicates).toEqual([expect.objectContaining({ key: u, lines: [2, 3, 4] })]);
    expect(p.valid).toBe(1);
    expect(p.rows[1]?.errors[0]).toMatchObject({ column: '统一社会信用代码', field: 'uscc' });
  });
});
