import { signal } from './signal.ts';
import { EVALUATION_STRINGS } from './strings-evaluation.ts';
import { EXPERT_STRINGS } from './strings-expert.ts';

export type Locale = 'zh-CN' | 'en';

const STRINGS = {
  ...EXPERT_STRINGS,
  ...EVALUATION_STRINGS,
  appName: { 'zh-CN': '场景汇', en: 'Scenario Exchange' },
  tagline: {
    'zh-CN': '数字应用场景与揭榜挂帅供需对接平台',
    en: 'Digital application scenarios and open challenges, matched with the firms that can deliver them',
  },
  hall: { 'zh-CN': '场景大厅', en: 'Scenario hall' },
  apiDocs: { 'zh-CN': 'API 文档', en: 'API docs' },
  search: {
    'zh-CN': '搜索场景、发榜单位或关键词（如 交通、医疗影像）',
    en: 'Search scenarios, issuers or keywords',
  },
  searchButton: { 'zh-CN': '搜索', en: 'Search' },
  allKinds: { 'zh-CN': '全部类型', en: 'All kinds' },
  allDomains: { 'zh-CN': '全部领域', en: 'All domains' },
  allAreas: { 'zh-CN': '全部应用领域', en: 'All areas' },
  allDistricts: { 'zh-CN': '全部区域', en: 'All districts' },
  budgetMin: { 'zh-CN': '预算下限(万元)', en: 'Min budget (10k yuan)' },
  budgetMax: { 'zh-CN': '预算上限(万元)', en: 'Max budget (10k yuan)' },
  sort: { 'zh-CN': '排序', en: 'Sort' },
  sortNewest: { 'zh-CN': '最新发布', en: 'Newest' },
  sortDeadline: { 'zh-CN': '截止最近', en: 'Deadline soonest' },
  sortBudget: { 'zh-CN': '预算最高', en: 'Largest budget' },
  budget: { 'zh-CN': '预算', en: 'Budget' },
  reward: { 'zh-CN': '奖补', en: 'Reward' },
  deadline: { 'zh-CN': '截止', en: 'Deadline' },
  published: { 'zh-CN': '发布', en: 'Published' },
  issuer: { 'zh-CN': '发榜单位', en: 'Issuer' },
  loadMore: { 'zh-CN': '加载更多', en: 'Load more' },
  loading: { 'zh-CN': '加载中…', en: 'Loading…' },
  empty: { 'zh-CN': '没有符合条件的场景', en: 'No scenarios match these filters' },
  end: { 'zh-CN': '已显示全部', en: 'That is all of them' },
  error: { 'zh-CN': '加载失败', en: 'Could not load' },
  notSet: { 'zh-CN': '面议', en: 'To be agreed' },
  shown: { 'zh-CN': '已显示 {n} 个', en: '{n} shown' },
  reset: { 'zh-CN': '重置', en: 'Reset' },
  login: { 'zh-CN': '登录', en: 'Sign in' },
  logout: { 'zh-CN': '退出', en: 'Sign out' },
  email: { 'zh-CN': '登录邮箱', en: 'Email' },
  password: { 'zh-CN': '密码', en: 'Password' },
  demoHint: {
    'zh-CN': '演示账号见启动时打印的列表（如 firm@demo.scx / demo-firm-2026）',
    en: 'Demo accounts are printed at start-up (e.g. firm@demo.scx / demo-firm-2026)',
  },
  recommendations: { 'zh-CN': '智能推荐', en: 'Recommendations' },
  recommendedFirms: { 'zh-CN': '推荐企业与产品', en: 'Recommended firms and products' },
  recommendedScenarios: { 'zh-CN': '为您推荐的场景与榜单', en: 'Scenarios and challenges for you' },
  myScenario: { 'zh-CN': '我的场景', en: 'My scenario' },
  product: { 'zh-CN': '推荐产品', en: 'Product' },
  yourProduct: { 'zh-CN': '可用产品', en: 'Your product' },
  whyRecommended: { 'zh-CN': '为什么推荐', en: 'Why recommended' },
  nearMisses: { 'zh-CN': '差一点：不满足的条件', en: 'Near misses: the rule not met' },
  useful: { 'zh-CN': '有用', en: 'Useful' },
  notUseful: { 'zh-CN': '没用', en: 'Not useful' },
  signInFirst: { 'zh-CN': '请先登录', en: 'Sign in first' },
  events: { 'zh-CN': '供需对接活动', en: 'Matchmaking events' },
  noEvents: { 'zh-CN': '暂无活动', en: 'No events yet' },
  tablePlan: { 'zh-CN': '桌位排程', en: 'Table plan' },
  runScheduler: { 'zh-CN': '自动排程', en: 'Run the scheduler' },
  scheduled: {
    'zh-CN': '已排定 {placed} 场洽谈（共 {requests} 个已接受的邀约）',
    en: '{placed} meetings placed ({requests} accepted requests)',
  },
  time: { 'zh-CN': '时间', en: 'Time' },
  table: { 'zh-CN': '桌号', en: 'Table' },
  tableN: { 'zh-CN': '{n}号桌', en: 'Table {n}' },
  break: { 'zh-CN': '茶歇', en: 'Break' },
  counterpart: { 'zh-CN': '洽谈对象', en: 'Meeting with' },
  myAgenda: { 'zh-CN': '我的日程', en: 'My agenda' },
  agendaNotYet: {
    'zh-CN': '主办方发布日程后在此显示',
    en: 'Shown here once the organizer publishes the schedule',
  },
  downloadIcs: { 'zh-CN': '下载日历文件 (ICS)', en: 'Download calendar (ICS)' },
  suggestions: { 'zh-CN': '对接建议', en: 'Who to meet' },
  action_open_registration: { 'zh-CN': '开放报名', en: 'Open registration' },
  action_start_scheduling: { 'zh-CN': '截止报名并排程', en: 'Close registration and schedule' },
  action_publish_schedule: { 'zh-CN': '发布日程', en: 'Publish the schedule' },
  action_reopen_registration: { 'zh-CN': '重新开放报名', en: 'Reopen registration' },
  action_start: { 'zh-CN': '活动开始', en: 'Start the event' },
  action_reschedule: { 'zh-CN': '重新排程', en: 'Reschedule' },
  action_close: { 'zh-CN': '结束活动', en: 'Close the event' },
  importNav: { 'zh-CN': '批量导入', en: 'Import' },
  importTitle: { 'zh-CN': 'Excel / CSV 批量导入', en: 'Excel / CSV import' },
  importScenarios: { 'zh-CN': '场景清单', en: 'Scenario list' },
  importFirms: { 'zh-CN': '企业名录', en: 'Firm directory' },
  chooseFile: { 'zh-CN': '选择文件（.xlsx 或 .csv）', en: 'Choose a file (.xlsx or .csv)' },
  preview: { 'zh-CN': '预览校验', en: 'Preview' },
  commitImport: { 'zh-CN': '确认导入', en: 'Import' },
  previewSummary: {
    'zh-CN': '共 {total} 行：{valid} 行可导入，{invalid} 行有错误',
    en: '{total} rows: {valid} ready, {invalid} with errors',
  },
  missingColumns: { 'zh-CN': '缺少必填列', en: 'Missing required columns' },
  row: { 'zh-CN': '行', en: 'Row' },
  column: { 'zh-CN': '列', en: 'Column' },
  problem: { 'zh-CN': '问题', en: 'Problem' },
  imported: { 'zh-CN': '已导入 {n} 条（全部成功）', en: '{n} imported (all rows)' },
  painPoints: { 'zh-CN': '痛点与问题', en: 'Problem' },
  goals: { 'zh-CN': '建设目标', en: 'Goals' },
  kpis: { 'zh-CN': '考核指标', en: 'KPIs' },
  requirements: { 'zh-CN': '申报条件', en: 'Requirements' },
  mandatory: { 'zh-CN': '必须', en: 'mandatory' },
  apply: { 'zh-CN': '我要揭榜 / 投标', en: 'Apply / bid' },
  qa: { 'zh-CN': '公开答疑', en: 'Public Q&A' },
  notAnswered: { 'zh-CN': '（待回复）', en: '(not answered yet)' },
  askQuestion: {
    'zh-CN': '向发榜单位提问（提问单位不公开）',
    en: 'Ask the issuer (your name stays private)',
  },
  send: { 'zh-CN': '提交', en: 'Send' },
  workspace: { 'zh-CN': '工作台', en: 'Workspace' },
  myScenarios: { 'zh-CN': '我的场景', en: 'My scenarios' },
  reviewQueue: { 'zh-CN': '待审核场景', en: 'Review queue' },
  status: { 'zh-CN': '状态', en: 'Status' },
  title: { 'zh-CN': '名称', en: 'Title' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  newScenario: { 'zh-CN': '新建场景 / 榜单', en: 'New scenario or challenge' },
  createDraft: { 'zh-CN': '创建草稿', en: 'Create draft' },
  publish: { 'zh-CN': '发布', en: 'Publish' },
  returnIt: { 'zh-CN': '退回修改', en: 'Return' },
  returnComment: { 'zh-CN': '请补充完善后重新提交', en: 'Please complete it and submit again' },
  nothingHere: { 'zh-CN': '暂无', en: 'Nothing here yet' },
  summary: { 'zh-CN': '摘要', en: 'Summary' },
  budgetWan: { 'zh-CN': '预算（万元）', en: 'Budget (10k yuan)' },
  rewardWan: { 'zh-CN': '奖补（万元）', en: 'Reward (10k yuan)' },
  consortiumAllowed: { 'zh-CN': '允许联合体申报', en: 'Consortium bids allowed' },
  primaryDomain: { 'zh-CN': '主领域', en: 'Primary domain' },
  secondaryDomains: { 'zh-CN': '兼属领域（最多 3 个）', en: 'Further domains (up to 3)' },
  alsoIn: { 'zh-CN': '兼属', en: 'also' },
  domainsColumn: { 'zh-CN': '领域', en: 'Domains' },
  submitForReview: { 'zh-CN': '提交审核', en: 'Submit for review' },
  saving: { 'zh-CN': '保存中…', en: 'Saving…' },
  autosaved: { 'zh-CN': '已自动保存', en: 'Saved' },
  kpiName: { 'zh-CN': '指标名称', en: 'KPI' },
  kpiTarget: { 'zh-CN': '目标值', en: 'Target' },
  addKpi: { 'zh-CN': '添加指标', en: 'Add a KPI' },
  dashboard: { 'zh-CN': '数据驾驶舱', en: 'Dashboard' },
  year: { 'zh-CN': '年度', en: 'Year' },
  callTargets: { 'zh-CN': '征集目标完成情况', en: 'Calls against their targets' },
  funnel: {
    'zh-CN': '转化：发布 → 申报 → 定标 → 验收',
    en: 'Conversion: published → bids → award → acceptance',
  },
  funnelPublished: { 'zh-CN': '已发布', en: 'Published' },
  funnelClosed: { 'zh-CN': '已截止', en: 'Deadline passed' },
  funnelBids: { 'zh-CN': '有申报', en: 'With bids' },
  funnelAwarded: { 'zh-CN': '已定标', en: 'Awarded' },
  funnelAccepted: { 'zh-CN': '已验收', en: 'Accepted' },
  byDomain: { 'zh-CN': '按领域', en: 'By domain' },
  byDistrict: { 'zh-CN': '按区域', en: 'By district' },
  byYear: { 'zh-CN': '按年度', en: 'By year' },
  meetingRequests: { 'zh-CN': '报名与约见', en: 'Registration and meeting requests' },
  register: { 'zh-CN': '报名参加', en: 'Register' },
  myRegistration: { 'zh-CN': '我的报名', en: 'My registration' },
  needs: { 'zh-CN': '需求（想找什么）', en: 'Needs' },
  offers: { 'zh-CN': '供给（能提供什么）', en: 'Offers' },
  availability: { 'zh-CN': '可参加的时段', en: 'Slots I can attend' },
  maxMeetings: { 'zh-CN': '最多洽谈场次', en: 'At most this many meetings' },
  maxMeetingsHint: { 'zh-CN': '不填则不限', en: 'empty: no limit' },
  saveRegistration: { 'zh-CN': '保存报名信息', en: 'Save registration' },
  registrationSaved: { 'zh-CN': '报名信息已保存', en: 'Registration saved' },
  quota: { 'zh-CN': '已发出约见 {used} / {limit}', en: 'Requests sent {used} / {limit}' },
  mustMeet: { 'zh-CN': '必约', en: 'Must meet' },
  meet: { 'zh-CN': '想约', en: 'Meet' },
  accept: { 'zh-CN': '接受', en: 'Accept' },
  decline: { 'zh-CN': '婉拒', en: 'Decline' },
  firmProfile: { 'zh-CN': '企业档案', en: 'Firm profile' },
  profileHint: {
    'zh-CN': '简介、能力、资质和产品决定推荐给您的场景；保存后立即生效',
    en: 'Your description, capabilities, certifications and products decide what is recommended to you; changes count at once',
  },
  firmDescription: { 'zh-CN': '企业简介', en: 'Description' },
  capability: { 'zh-CN': '核心能力', en: 'Capabilities' },
  saveProfile: { 'zh-CN': '保存档案', en: 'Save profile' },
  profileSaved: { 'zh-CN': '档案已保存', en: 'Profile saved' },
  certifications: { 'zh-CN': '资质证书', en: 'Certifications' },
  expires: { 'zh-CN': '有效期至', en: 'valid until' },
  expired: { 'zh-CN': '已过期', en: 'expired' },
  level: { 'zh-CN': '等级', en: 'Level' },
  addCert: { 'zh-CN': '添加资质', en: 'Add certification' },
  certAdded: { 'zh-CN': '资质已添加', en: 'Certification added' },
  products: { 'zh-CN': '产品资源池', en: 'Products' },
  productName: { 'zh-CN': '产品名称', en: 'Product name' },
  addProduct: { 'zh-CN': '添加产品', en: 'Add product' },
  productAdded: { 'zh-CN': '产品已添加', en: 'Product added' },
  auditLog: { 'zh-CN': '审计日志', en: 'Audit log' },
  verifyChain: { 'zh-CN': '校验哈希链', en: 'Verify the hash chain' },
  chainIntact: { 'zh-CN': '哈希链完整：已校验 {n} 条记录', en: 'Chain intact: {n} entries checked' },
  chainBroken: { 'zh-CN': '哈希链在 {at} 处断开：{reason}', en: 'Chain broken at {at}: {reason}' },
  entityId: { 'zh-CN': '对象 ID', en: 'Entity id' },
  showTrail: { 'zh-CN': '查看记录', en: 'Show trail' },
  action: { 'zh-CN': '操作', en: 'Action' },
  answerIt: { 'zh-CN': '公开回复', en: 'Answer publicly' },
  calls: { 'zh-CN': '征集批次', en: 'Calls' },
  newCall: { 'zh-CN': '新建征集批次', en: 'New call' },
  opensAt: { 'zh-CN': '开始日期', en: 'Opens' },
  closesAt: { 'zh-CN': '截止日期', en: 'Closes' },
  target: { 'zh-CN': '征集目标（个）', en: 'Target (scenarios)' },
  createAndOpen: { 'zh-CN': '创建并开始征集', en: 'Create and open' },
  moved: { 'zh-CN': '已调整桌位（双方需重新确认）', en: 'Moved (both sides confirm again)' },
  moveHere: { 'zh-CN': '移到此处', en: 'Move here' },
  openData: { 'zh-CN': '开放数据', en: 'Open data' },
  csvScenarios: { 'zh-CN': '场景清单 (CSV)', en: 'Scenario list (CSV)' },
  csvScenariosHint: {
    'zh-CN': '全部已发布的场景与榜单，UTF-8 编码，可直接用 Excel 打开；金额单位为元',
    en: 'Every published scenario and challenge, UTF-8 (opens in Excel); money in yuan',
  },
  ocdsReleases: { 'zh-CN': '开放合同数据标准 OCDS 1.1 发布包', en: 'OCDS 1.1 release packages' },
  ocdsHint: {
    'zh-CN': '招标、投标（开标后）、定标、合同与里程碑，符合 OCDS 1.1.5 规范',
    en: 'Tenders, bids (after opening), awards, contracts and milestones, valid OCDS 1.1.5',
  },
  openapiHint: { 'zh-CN': '接口说明（机器可读）', en: 'The API description, machine-readable' },
  myBid: { 'zh-CN': '我的申报', en: 'My bid' },
  priceWan: { 'zh-CN': '报价（万元）', en: 'Price (10k yuan)' },
  approach: { 'zh-CN': '技术方案', en: 'Approach' },
  consortium: { 'zh-CN': '联合体', en: 'Consortium' },
  lead: { 'zh-CN': '牵头', en: 'lead' },
  saveDraft: { 'zh-CN': '保存草稿', en: 'Save draft' },
  submitBid: { 'zh-CN': '提交申报', en: 'Submit' },
  amendBid: { 'zh-CN': '更新申报', en: 'Amend' },
  bidSaved: { 'zh-CN': '已保存（密封，仅本企业可见）', en: 'Saved (sealed: only your firm sees it)' },
  bidSubmitted: {
    'zh-CN': '已提交，截止前可修改或撤回',
    en: 'Submitted; you may amend or withdraw until the deadline',
  },
  team: { 'zh-CN': '团队与分工', en: 'Team' },
  bidSchedule: { 'zh-CN': '实施计划', en: 'Schedule' },
  domesticProduct: {
    'zh-CN': '本国产品（适用国产产品价格评审优惠）',
    en: 'Domestic product (price preference)',
  },
  partners: { 'zh-CN': '联合体成员', en: 'Consortium partners' },
  partnersHint: {
    'zh-CN': '一家牵头，最多 {n} 家成员；各成员份额之和须小于 100%，小微企业份额 ≥ 30% 可享价格扣除',
    en: 'One lead and at most {n} partners; partners’ shares must leave a share for the lead; small/micro partners holding ≥ 30 % earn a price deduction',
  },
  noConsortium: { 'zh-CN': '本场景不接受联合体申报', en: 'This scenario does not accept consortia' },
  findPartner: { 'zh-CN': '按企业名称查找成员', en: 'Find a partner by name' },
  invite: { 'zh-CN': '邀请', en: 'Invite' },
  remove: { 'zh-CN': '移除', en: 'Remove' },
  sharePct: { 'zh-CN': '份额（%）', en: 'Share (%)' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  awaitingConfirmation: { 'zh-CN': '待确认', en: 'Awaiting confirmation' },
  confirmPartnership: { 'zh-CN': '确认加入联合体', en: 'Confirm our part' },
  partnershipConfirmed: { 'zh-CN': '已确认加入联合体', en: 'Your part is confirmed' },
  noFirmFound: { 'zh-CN': '没有找到企业', en: 'No firm found' },
  recommendForOthers: {
    'zh-CN': '推荐面向发榜单位和揭榜企业；主办方可通过 API 查看任一场景的匹配结果',
    en: 'Recommendations are for agencies and firms; organizers can query any scenario through the API',
  },
} as const;

export type MessageKey = keyof typeof STRINGS;

const initial = (): Locale => {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('scx.locale') : null;
  return saved === 'en' ? 'en' : 'zh-CN';
};

export const locale = signal<Locale>(initial());

export function setLocale(l: Locale) {
  localStorage.setItem('scx.locale', l);
  document.documentElement.lang = l;
  locale.set(l);
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  let s: string = STRINGS[key][locale.get()];
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

/** Times are UTC in the API and shown in Asia/Shanghai. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale.get(), {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

export function formatMoney(fen: number | null): string {
  if (fen === null) return t('notSet');
  if (locale.get() === 'zh-CN') {
    return `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  }
  return `¥${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** Hour and minute in Asia/Shanghai. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(locale.get(), {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
