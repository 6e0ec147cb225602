/** Controlled vocabularies with their Chinese and English labels. Codes are stable API values. */
export interface Term<C extends string = string> {
  code: C;
  zh: string;
  en: string;
}

const terms = <const T extends readonly Term[]>(list: T) => list;
type Codes<T extends readonly Term[]> = T[number]['code'];

/** Wuhan's ten key software domains (软件产业重点领域). */
export const SOFTWARE_DOMAINS = terms([
  { code: 'basic-software', zh: '基础软件', en: 'Basic software' },
  { code: 'industrial-software', zh: '工业软件', en: 'Industrial software' },
  { code: 'cybersecurity', zh: '网络安全软件', en: 'Cybersecurity software' },
  { code: 'geospatial', zh: '地球空间信息', en: 'Geospatial information' },
  { code: 'internet-services', zh: '互联网信息服务', en: 'Internet information services' },
  { code: 'industry-it', zh: '行业信息化', en: 'Industry informatization' },
  { code: 'embedded', zh: '嵌入式系统软件', en: 'Embedded systems software' },
  { code: 'emerging-platforms', zh: '新兴平台软件', en: 'Emerging platform software' },
  { code: 'eda', zh: 'EDA', en: 'EDA' },
  { code: 'automotive', zh: '汽车软件', en: 'Automotive software' },
] as const);
export type SoftwareDomain = Codes<typeof SOFTWARE_DOMAINS>;

/** Application areas (应用领域) where scenarios come from. */
export const APPLICATION_AREAS = terms([
  { code: 'government', zh: '政务服务', en: 'Government services' },
  { code: 'transport', zh: '智慧交通', en: 'Transport' },
  { code: 'healthcare', zh: '医疗健康', en: 'Healthcare' },
  { code: 'education', zh: '智慧教育', en: 'Education' },
  { code: 'manufacturing', zh: '智能制造', en: 'Manufacturing' },
  { code: 'culture-tourism', zh: '文化旅游', en: 'Culture & tourism' },
  { code: 'emergency', zh: '应急管理', en: 'Emergency management' },
  { code: 'urban-governance', zh: '城市治理', en: 'Urban governance' },
  { code: 'finance', zh: '金融服务', en: 'Finance' },
  { code: 'energy', zh: '能源环保', en: 'Energy & environment' },
  { code: 'agriculture', zh: '智慧农业', en: 'Agriculture' },
  { code: 'logistics', zh: '商贸物流', en: 'Trade & logistics' },
  { code: 'community', zh: '社区服务', en: 'Community services' },
] as const);
export type ApplicationArea = Codes<typeof APPLICATION_AREAS>;

/** Wuhan's districts (with their division code) and functional zones. */
export const DISTRICTS = terms([
  { code: 'jiangan', zh: '江岸区', en: "Jiang'an District" },
  { code: 'jianghan', zh: '江汉区', en: 'Jianghan District' },
  { code: 'qiaokou', zh: '硚口区', en: 'Qiaokou District' },
  { code: 'hanyang', zh: '汉阳区', en: 'Hanyang District' },
  { code: 'wuchang', zh: '武昌区', en: 'Wuchang District' },
  { code: 'qingshan', zh: '青山区', en: 'Qingshan District' },
  { code: 'hongshan', zh: '洪山区', en: 'Hongshan District' },
  { code: 'dongxihu', zh: '东西湖区', en: 'Dongxihu District' },
  { code: 'hannan', zh: '汉南区', en: 'Hannan District' },
  { code: 'caidian', zh: '蔡甸区', en: 'Caidian District' },
  { code: 'jiangxia', zh: '江夏区', en: 'Jiangxia District' },
  { code: 'huangpi', zh: '黄陂区', en: 'Huangpi District' },
  { code: 'xinzhou', zh: '新洲区', en: 'Xinzhou District' },
  { code: 'east-lake-hightech', zh: '东湖新技术开发区', en: 'East Lake High-tech Zone (Optics Valley)' },
  { code: 'wuhan-econ-dev', zh: '武汉经济技术开发区', en: 'Wuhan Economic & Technological Development Zone' },
  { code: 'changjiang-new-area', zh: '长江新区', en: 'Changjiang New Area' },
  { code: 'east-lake-scenic', zh: '东湖生态旅游风景区', en: 'East Lake Scenic Area' },
  { code: 'citywide', zh: '全市', en: 'Citywide' },
] as const);
export type District = Codes<typeof DISTRICTS>;

/** Administrative division codes (GB/T 2260) of the districts; zones register under their host district. */
export const DISTRICT_DIVISION_CODES: Partial<Record<District, string>> = {
  jiangan: '420102',
  jianghan: '420103',
  qiaokou: '420104',
  hanyang: '420105',
  wuchang: '420106',
  qingshan: '420107',
  hongshan: '420111',
  dongxihu: '420112',
  hannan: '420113',
  caidian: '420114',
  jiangxia: '420115',
  huangpi: '420116',
  xinzhou: '420117',
};

export const ORGANIZATION_KINDS = terms([
  { code: 'agency', zh: '发榜单位', en: 'Issuing agency' },
  { code: 'firm', zh: '揭榜单位', en: 'Firm' },
  { code: 'organizer', zh: '主办方', en: 'Organizer' },
  { code: 'expert-body', zh: '专家所在单位', en: 'Expert affiliation' },
] as const);
export type OrganizationKind = Codes<typeof ORGANIZATION_KINDS>;

export const FIRM_SIZES = terms([
  { code: 'large', zh: '大型', en: 'Large' },
  { code: 'medium', zh: '中型', en: 'Medium' },
  { code: 'small', zh: '小型', en: 'Small' },
  { code: 'micro', zh: '微型', en: 'Micro' },
] as const);
export type FirmSize = Codes<typeof FIRM_SIZES>;

/** Certifications a firm can hold; `levels` is the highest level if graded (CSMM/DCMM/CMMI 1–5). */
export const CERTIFICATIONS = [
  { code: 'CSMM', zh: '软件能力成熟度(CSMM)', en: 'CSMM', levels: 5 },
  { code: 'DCMM', zh: '数据管理能力成熟度(DCMM)', en: 'DCMM', levels: 5 },
  { code: 'CMMI', zh: 'CMMI', en: 'CMMI', levels: 5 },
  { code: 'ISO27001', zh: 'ISO 27001 信息安全管理体系', en: 'ISO 27001', levels: 0 },
  { code: 'ISO9001', zh: 'ISO 9001 质量管理体系', en: 'ISO 9001', levels: 0 },
  { code: 'ISO20000', zh: 'ISO 20000 IT服务管理体系', en: 'ISO 20000', levels: 0 },
  { code: 'ITSS', zh: '信息技术服务标准(ITSS)', en: 'ITSS', levels: 4 },
  { code: 'XINCHUANG', zh: '信创适配认证', en: 'Domestic-stack (Xinchuang) adaptation', levels: 0 },
  { code: 'ZJTX', zh: '专精特新', en: 'Specialised-SME (Zhuanjingtexin)', levels: 0 },
  { code: 'ZJTX-GIANT', zh: '专精特新“小巨人”', en: 'Specialised-SME “Little Giant”', levels: 0 },
  { code: 'HNTE', zh: '高新技术企业', en: 'High-tech enterprise', levels: 0 },
  { code: 'MLPS3', zh: '等保三级测评', en: 'MLPS level 3', levels: 0 },
] as const satisfies readonly (Term & { levels: number })[];
export type CertificationCode = (typeof CERTIFICATIONS)[number]['code'];

export const SCENARIO_KINDS = terms([
  { code: 'scenario', zh: '应用场景', en: 'Scenario' },
  { code: 'challenge', zh: '揭榜挂帅', en: 'Challenge' },
] as const);
export type ScenarioKind = Codes<typeof SCENARIO_KINDS>;

export const codesOf = <T extends readonly Term[]>(list: T) => list.map((t) => t.code) as Codes<T>[];

export function labelOf(list: readonly Term[], code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const t = list.find((x) => x.code === code);
  if (!t) return code;
  return locale === 'en' ? t.en : t.zh;
}
