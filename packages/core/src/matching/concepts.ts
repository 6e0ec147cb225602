// A Chinese domain vocabulary for matching: groups of near-synonyms (concepts) as they are written in
// scenario briefs and firm profiles. A concept makes "信号灯配时" and "交通信号控制" the same thing to the
// index and the embedder; broader relations are separate concepts that share an area or domain.

import { normalizeText } from '../text/normalize.ts';
import type { ApplicationArea, SoftwareDomain } from '../vocabulary.ts';

export interface Concept {
  /** ASCII [a-z0-9_]; indexed as the token `zc_<id>`. */
  id: string;
  /** Chinese synonyms and near-synonyms, simplified, 2+ characters; the first is the display label. */
  zh: readonly string[];
  en: string;
  /** Latin acronyms and English forms as they appear in Chinese texts; matched as whole words only. */
  latin?: readonly string[];
  domains?: readonly SoftwareDomain[];
  areas?: readonly ApplicationArea[];
}

interface ConceptOptions {
  latin?: string;
  domains?: readonly SoftwareDomain[];
  areas?: readonly ApplicationArea[];
}

// Synonyms are written as space-separated strings so that a reviewer can read a group at a glance.
const concept = (id: string, en: string, zh: string, opts: ConceptOptions = {}): Concept => ({
  id,
  en,
  zh: zh.split(/\s+/).filter(Boolean),
  ...(opts.latin ? { latin: opts.latin.split(/\s+/).filter(Boolean) } : {}),
  ...(opts.domains ? { domains: opts.domains } : {}),
  ...(opts.areas ? { areas: opts.areas } : {}),
});

export const CONCEPTS: readonly Concept[] = [
  // — Transport —
  concept(
    'smart_transport',
    'Smart transport',
    '智慧交通 智能交通 交通大脑 城市交通大脑 智能交通系统 交通信息化 交通运输信息化 交通管理平台 交通运输',
    { domains: ['industry-it'], areas: ['transport'] },
  ),
  concept(
    'traffic_signal',
    'Traffic signal control',
    '交通信号 交通信号灯 交通信号控制 信号灯 信号控制机 信号机 信号配时 信号灯配时 配时优化 红绿灯 绿波 绿波带 绿波协调 自适应信号 路口优化 智能信控 信控',
    { domains: ['industry-it', 'embedded'], areas: ['transport'] },
  ),
  concept(
    'vehicle_road',
    'Vehicle–road cooperation (V2X)',
    '车路协同 车路云一体化 车路云 智能网联 车联网 路侧单元 路侧感知 网联汽车 智能网联汽车 网联化',
    { latin: 'v2x c-v2x rsu obu', domains: ['automotive', 'embedded'], areas: ['transport'] },
  ),
  concept(
    'autonomous_driving',
    'Autonomous driving',
    '自动驾驶 无人驾驶 辅助驾驶 高级辅助驾驶 智能驾驶 自动泊车 无人车 驾驶辅助 高精地图 感知融合 决策规划',
    { latin: 'adas robotaxi', domains: ['automotive', 'embedded'], areas: ['transport'] },
  ),
  concept(
    'vehicle_software',
    'Vehicle OS and software',
    '汽车软件 车载软件 车载操作系统 车控操作系统 车用操作系统 车载os 汽车电子 汽车电子软件 整车软件 车载系统 域控制器 软件定义汽车 汽车基础软件 整车控制 车规级 整车ota',
    { latin: 'autosar ota', domains: ['automotive', 'embedded'], areas: ['manufacturing', 'transport'] },
  ),
  concept('smart_cockpit', 'Smart cockpit', '智能座舱 车机 车机系统 座舱域 车载信息娱乐 车载语音 座舱', {
    latin: 'hmi ivi',
    domains: ['automotive'],
    areas: ['manufacturing'],
  }),
  concept('new_energy_vehicle', 'New-energy vehicles', '新能源汽车 电动汽车 动力电池 整车厂 主机厂', {
    domains: ['automotive'],
    areas: ['manufacturing', 'transport'],
  }),
  concept(
    'smart_parking',
    'Smart parking',
    '智慧停车 停车诱导 停车管理 停车场 泊位 停车位 路内停车 共享停车 停车难',
    { domains: ['internet-services', 'industry-it'], areas: ['transport', 'urban-governance'] },
  ),
  concept(
    'public_transit',
    'Public transit',
    '智慧公交 公交调度 公交车 公共交通 公交线网 定制公交 公交站 公交',
    {
      areas: ['transport'],
    },
  ),
  concept('rail_transit', 'Rail transit', '轨道交通 城市轨道交通 地铁 城轨 有轨电车 轨交', {
    areas: ['transport'],
  }),
  concept(
    'traffic_enforcement',
    'Traffic enforcement',
    '电子警察 交通违法 违章抓拍 交通卡口 卡口 非现场执法 违停抓拍 治超 交通执法 闯红灯 违法抓拍 违法行为识别',
    { domains: ['industry-it'], areas: ['transport', 'urban-governance'] },
  ),
  concept('e_bike', 'E-bikes', '电动自行车 电动车 电瓶车 电动两轮车 非机动车 两轮车', {
    areas: ['transport', 'community'],
  }),
  concept(
    'traffic_flow',
    'Traffic flow and congestion',
    '交通流量 交通态势 交通拥堵 拥堵治理 交通仿真 交通预测 交通流 交通运行监测 路网运行 出行分析 拥堵',
    { areas: ['transport'] },
  ),
  concept(
    'road_infrastructure',
    'Road and bridge monitoring',
    '道路养护 公路养护 桥梁监测 桥梁健康监测 结构健康监测 隧道监测 路面病害 桥隧 桥梁',
    { areas: ['transport', 'urban-governance'] },
  ),
  concept('highway', 'Highways and tolling', '智慧高速 高速公路 收费站 公路网 路政 干线公路 ETC门架', {
    latin: 'etc',
    areas: ['transport'],
  }),
  concept('ev_charging', 'EV charging', '充电桩 充电站 充换电 换电站 新能源汽车充电 充电运营 充电设施', {
    domains: ['internet-services'],
    areas: ['energy', 'transport'],
  }),
  concept('mobility_service', 'Mobility services', '网约车 出租车 共享单车 出行服务 巡游出租车 共享出行', {
    latin: 'maas',
    domains: ['internet-services'],
    areas: ['transport'],
  }),

  // — Healthcare —
  concept(
    'smart_healthcare',
    'Healthcare informatization',
    '医疗健康 智慧医疗 数字健康 卫生健康 医疗卫生 智慧健康 医疗服务 健康医疗 医疗',
    { domains: ['industry-it'], areas: ['healthcare'] },
  ),
  concept(
    'hospital_info',
    'Hospital information systems',
    '医院信息系统 医院信息化 智慧医院 电子病历 病历系统 临床信息系统 医疗信息化 门诊系统 住院管理 护理信息 预约挂号 病历',
    { latin: 'his emr cis', domains: ['industry-it'], areas: ['healthcare'] },
  ),
  concept('medical_imaging', 'Medical imaging', '医学影像 医疗影像 影像诊断 影像归档 影像云 放射科 影像科', {
    latin: 'pacs ris',
    domains: ['industry-it'],
    areas: ['healthcare'],
  }),
  concept(
    'internet_hospital',
    'Internet hospital and telemedicine',
    '互联网医院 在线问诊 远程医疗 远程会诊 互联网诊疗 线上复诊 网上问诊 在线诊疗 处方流转 远程诊断',
    { domains: ['internet-services'], areas: ['healthcare'] },
  ),
  concept(
    'health_records',
    'Health records and regional health data',
    '健康档案 电子健康档案 居民健康档案 全民健康信息 全民健康信息平台 区域卫生信息 区域医疗 卫生健康信息 医共体 医联体 分级诊疗 检查检验结果互认 互认共享',
    { domains: ['industry-it'], areas: ['healthcare'] },
  ),
  concept(
    'medical_insurance',
    'Medical insurance',
    '医保 医保结算 医保基金 医保控费 医疗保障 医保支付 异地就医',
    {
      latin: 'drg',
      domains: ['industry-it'],
      areas: ['healthcare'],
    },
  ),
  concept(
    'clinical_ai',
    'Clinical AI and decision support',
    '辅助诊断 临床决策支持 智能诊断 ai辅助诊断 医学人工智能 医疗ai 智能导诊 预问诊',
    { latin: 'cdss', domains: ['emerging-platforms'], areas: ['healthcare'] },
  ),
  concept(
    'chronic_disease',
    'Chronic disease and health management',
    '慢病管理 慢性病管理 健康管理 家庭医生 家庭医生签约 随访管理 健康监测 慢病',
    { areas: ['healthcare', 'community'] },
  ),
  concept(
    'public_health',
    'Public health and disease control',
    '公共卫生 疾控 疾病预防控制 传染病监测 传染病 疫情监测 流行病学 突发公共卫生',
    { areas: ['healthcare', 'emergency'] },
  ),
  concept(
    'emergency_medical',
    'Pre-hospital emergency care',
    '院前急救 急救 急救调度 120急救 急救中心 胸痛中心 卒中中心',
    {
      areas: ['healthcare', 'emergency'],
    },
  ),
  concept(
    'medicine_supply',
    'Medicines and medical supplies',
    '药品追溯 药品监管 医药流通 医疗器械 耗材管理 药房 药品',
    {
      areas: ['healthcare', 'logistics'],
    },
  ),
  concept('wearable', 'Wearables', '可穿戴 可穿戴设备 智能手环 穿戴设备 智能手表 生命体征监测', {
    domains: ['embedded'],
    areas: ['healthcare', 'community'],
  }),

  // — Government —
  concept(
    'gov_service',
    'One-stop government services',
    '一网通办 政务服务 政务服务一体化 一体化政务服务 网上办事 网上政务 政务服务平台 一件事一次办 高效办成一件事 不见面审批 一窗通办 政务大厅 政务服务中心 掌上办 跨省通办 网上审批 行政审批 智能审批 秒批 办事指南 一次办',
    { domains: ['industry-it', 'internet-services'], areas: ['government'] },
  ),
  concept(
    'digital_government',
    'Digital government',
    '数字政府 电子政务 政务信息化 政府数字化转型 政务数字化',
    { domains: ['industry-it'], areas: ['government'] },
  ),
  concept(
    'gov_hotline',
    'Citizen hotline (12345)',
    '政务热线 市民热线 便民热线 服务热线 热线工单 诉求办理 接诉即办 工单派发 市民诉求 热线',
    { latin: '12345', domains: ['industry-it'], areas: ['government', 'urban-governance'] },
  ),
  concept(
    'gov_office',
    'Government office automation',
    '协同办公 政务办公 办公自动化 公文流转 电子公文 无纸化办公 移动办公 公文管理 督查督办 督办',
    { latin: 'oa', domains: ['basic-software', 'industry-it'], areas: ['government'] },
  ),
  concept('e_license', 'E-licences and e-seals', '电子证照 电子印章 电子签章 电子签名 证照共享 电子合同', {
    domains: ['cybersecurity', 'industry-it'],
    areas: ['government'],
  }),
  concept('archives', 'Digital archives', '档案数字化 电子档案 档案管理 数字档案馆 档案', {
    domains: ['industry-it'],
    areas: ['government'],
  }),
  concept(
    'grassroots_reporting',
    'Grassroots reporting burden',
    '基层减负 多头填报 重复填报 报表填报 一表通 基层报表 数据填报 报表通',
    { domains: ['industry-it'], areas: ['government', 'urban-governance'] },
  ),
  concept(
    'data_sharing',
    'Public data sharing and opening',
    '数据共享 数据开放 公共数据开放 共享交换 数据交换 数据共享交换 公共数据 政务数据 政务大数据 数据资源共享 数据汇聚 数据归集',
    { domains: ['industry-it'], areas: ['government'] },
  ),
  concept(
    'data_element',
    'Data as a production factor',
    '数据要素 数据交易 数据流通 数据资产 数据确权 可信数据空间 数据资产入表 数据产品 数据交易所 数据要素市场 数据空间',
    { domains: ['emerging-platforms'], areas: ['finance', 'government'] },
  ),
  concept(
    'privacy_computing',
    'Privacy-preserving computation',
    '隐私计算 联邦学习 多方安全计算 可信执行环境 数据沙箱 隐私保护计算',
    {
      latin: 'mpc tee',
      domains: ['cybersecurity', 'emerging-platforms'],
    },
  ),
  concept(
    'data_governance',
    'Data governance and data middle platform',
    '数据治理 数据中台 数据质量 主数据 主数据管理 元数据 元数据管理 数据标准 数据清洗 数据资源目录 数据资源体系 数据血缘 数据管理能力 数据资源管理',
    { domains: ['industry-it', 'basic-software'], areas: ['government'] },
  ),
  concept(
    'big_data_platform',
    'Big-data platform',
    '大数据平台 数据仓库 数据湖 数仓 湖仓一体 大数据分析 数据分析平台 实时计算 流计算 大数据中心',
    { latin: 'hadoop spark flink', domains: ['basic-software', 'emerging-platforms'] },
  ),
  concept(
    'data_visualization',
    'Data visualization and dashboards',
    '数据可视化 可视化大屏 大屏 驾驶舱 领导驾驶舱 数据大屏 商业智能 数据看板 看板 可视化分析',
    { latin: 'bi', domains: ['industry-it'] },
  ),
  concept(
    'market_regulation',
    'Market regulation',
    '市场监管 智慧监管 非现场监管 信用监管 双随机 特种设备 网络交易监管 综合监管',
    { domains: ['industry-it'], areas: ['government'] },
  ),
  concept('food_safety', 'Food safety', '食品安全 明厨亮灶 餐饮监管 食品监管 阳光厨房 食品检测 食品', {
    areas: ['government', 'community'],
  }),
  concept(
    'credit_system',
    'Credit system',
    '社会信用 信用体系 公共信用 信用评价 信用修复 信用中国 征信 企业征信 信用评估 信用报告 信用信息',
    { domains: ['industry-it'], areas: ['government', 'finance'] },
  ),
  concept(
    'judicial',
    'Courts, procuratorates and legal services',
    '智慧法院 智慧检务 智慧司法 司法 法律服务 公共法律服务 诉讼服务 电子卷宗 法院 检察院',
    {
      areas: ['government'],
    },
  ),
  concept(
    'law_enforcement',
    'Administrative law enforcement',
    '行政执法 综合执法 执法监督 执法记录仪 执法办案 执法',
    {
      areas: ['government', 'urban-governance'],
    },
  ),
  concept(
    'public_security',
    'Public security and policing',
    '公安 智慧警务 警务 雪亮工程 天网工程 治安防控 社会治安 反诈 电信诈骗 派出所',
    { areas: ['urban-governance', 'government'] },
  ),
  concept(
    'procurement',
    'Public procurement and bidding',
    '招投标 电子招标 电子招投标 公共资源交易 政府采购 采购平台 电子采购 阳光采购 招标采购',
    { areas: ['government'] },
  ),
  concept(
    'employment',
    'Employment and talent services',
    '就业服务 招聘 人才服务 灵活就业 零工市场 人力资源服务 人社 就业创业 就业',
    { domains: ['internet-services'], areas: ['government', 'community'] },
  ),
  concept('social_security', 'Social insurance', '社保 社会保险 社会保障卡 社保卡 养老保险 社会保障 一卡通', {
    areas: ['government', 'community'],
  }),
  concept(
    'housing',
    'Housing and provident fund',
    '住房公积金 公积金 住房保障 房产交易 房屋管理 保障性住房 房地产 住建',
    {
      areas: ['government'],
    },
  ),
  concept(
    'civil_affairs',
    'Civil affairs and social assistance',
    '民政 社会救助 低保 救助 婚姻登记 殡葬 慈善 困难群众 助残 残疾人',
    {
      areas: ['community', 'government'],
    },
  ),
  concept(
    'enterprise_service',
    'Business services and policy delivery',
    '惠企政策 政策兑现 免申即享 企业服务 营商环境 政策匹配 惠企 涉企服务 政策直达',
    { domains: ['internet-services'], areas: ['government'] },
  ),
  concept('gov_portal', 'Government portals', '门户网站 政府网站 统一门户 网站群 政务公开 信息公开 门户', {
    domains: ['internet-services'],
    areas: ['government'],
  }),
  concept(
    'industry_brain',
    'Industry brain and investment promotion',
    '产业大脑 产业链 产业链图谱 产业地图 产业招商 精准招商 招商引资 经济运行监测 经济运行 招商',
    { domains: ['industry-it'], areas: ['government', 'manufacturing'] },
  ),
  concept(
    'public_finance',
    'Public finance and budgeting',
    '财政 预算管理 财政资金 预算一体化 国库 绩效评价 国有资产',
    {
      areas: ['government', 'finance'],
    },
  ),
  concept('audit', 'Audit', '大数据审计 智慧审计 内部审计 审计监督 审计局 审计信息化', {
    areas: ['government', 'finance'],
  }),
  concept('tax', 'Tax and invoices', '财税 税务 电子发票 发票 智慧税务 财务共享 税收 数电票', {
    areas: ['finance', 'government'],
  }),

  // — Urban governance —
  concept('smart_city', 'Smart city', '智慧城市 新型智慧城市 数字城市 城市数字化 城市数字化转型', {
    domains: ['industry-it'],
    areas: ['urban-governance'],
  }),
  concept(
    'city_operation',
    'City operations centre (one network for city governance)',
    '一网统管 城市运行管理 城市运行 城运中心 城市大脑 城市运行管理服务平台 城市运行管理中心 城市运行监测 城市治理 城市治理平台 城市生命体征 城市运管服',
    { domains: ['industry-it'], areas: ['urban-governance'] },
  ),
  concept(
    'grid_governance',
    'Grid-based grassroots governance',
    '网格化 网格化管理 网格员 基层治理 社会治理 综治 综合治理 网格化服务管理 矛盾纠纷 矛盾调解 基层社会治理 网格',
    { domains: ['industry-it'], areas: ['urban-governance', 'community'] },
  ),
  concept(
    'city_management',
    'City management and enforcement',
    '智慧城管 数字城管 城管 城市管理 市容 市容环境 违章建筑 违建 占道经营 渣土车 户外广告 城管执法',
    { areas: ['urban-governance'] },
  ),
  concept(
    'digital_twin',
    'Digital twin',
    '数字孪生 孪生城市 数字孪生城市 数字孪生流域 城市信息模型 孪生体 数字孪生工厂 孪生平台 数字孪生体',
    {
      latin: 'cim',
      domains: ['geospatial', 'emerging-platforms', 'industrial-software'],
      areas: ['urban-governance', 'manufacturing'],
    },
  ),
  concept('bim', 'Building information modelling (BIM)', '建筑信息模型 bim模型 建筑设计软件 正向设计', {
    latin: 'bim',
    domains: ['industrial-software', 'geospatial'],
    areas: ['urban-governance'],
  }),
  concept(
    'smart_construction',
    'Smart construction sites',
    '智慧工地 智能建造 工地监管 建筑工地 施工安全 塔吊 扬尘监测 施工管理 劳务实名制 工地',
    { areas: ['urban-governance', 'emergency'] },
  ),
  concept(
    'underground_pipeline',
    'Underground utility networks',
    '地下管网 管网监测 排水管网 供水管网 燃气管网 城市生命线 地下管线 管线 燃气安全 窨井 井盖 管网',
    { domains: ['industry-it'], areas: ['urban-governance', 'emergency', 'energy'] },
  ),
  concept(
    'smart_pole',
    'Smart poles and street lighting',
    '智慧灯杆 多功能杆 多功能智能杆 智慧路灯 路灯 杆塔',
    {
      domains: ['embedded'],
      areas: ['urban-governance'],
    },
  ),
  concept(
    'urban_renewal',
    'Urban renewal and city check-ups',
    '城市更新 城市体检 老旧小区改造 老旧小区 城市更新改造',
    {
      areas: ['urban-governance'],
    },
  ),
  concept(
    'sanitation',
    'Sanitation and waste',
    '垃圾分类 环卫 固废 生活垃圾 固体废物 环卫车辆 垃圾清运 垃圾',
    {
      areas: ['urban-governance', 'energy'],
    },
  ),
  concept(
    'video_surveillance',
    'Video surveillance networks',
    '视频监控 监控视频 视频汇聚 视频联网 视频云 视频共享 摄像头 监控摄像 高清摄像机 视频融合 视频图像 摄像机',
    { domains: ['industry-it', 'embedded'], areas: ['urban-governance'] },
  ),
  concept(
    'video_analytics',
    'Video analytics and AI recognition',
    '视频分析 视频结构化 ai识别 智能识别 图像识别 视频识别 行为识别 人脸识别 目标检测 视觉识别 计算机视觉 ai视觉 视频ai 算法仓 事件识别 智能视频分析 图像分析 视觉算法',
    { domains: ['emerging-platforms'], areas: ['urban-governance'] },
  ),
  concept(
    'environment_monitoring',
    'Environmental monitoring',
    '环境监测 生态环境监测 空气质量 大气污染 大气环境 水质监测 水环境 污染源 污染源监测 生态环境 环保监管 排污 噪声监测 环保 污染防治',
    { domains: ['industry-it'], areas: ['energy'] },
  ),
  concept(
    'smart_water',
    'Smart water utilities',
    '智慧水务 水务 供水调度 污水处理 水厂 管网漏损 漏损控制 二次供水 排水 供水',
    {
      areas: ['energy', 'urban-governance'],
    },
  ),
  concept(
    'water_resources',
    'Water resources and rivers',
    '水利 智慧水利 河湖长制 河长制 水资源 水文 水库 河道 流域 河湖',
    {
      domains: ['geospatial'],
      areas: ['emergency', 'energy'],
    },
  ),
  concept('meteorology', 'Meteorology', '气象 气象服务 天气预报 气象预警 气象监测 短临预报 降水预报 天气', {
    areas: ['emergency', 'agriculture'],
  }),
  concept(
    'waterlogging',
    'Urban flooding and flood control',
    '城市内涝 内涝 防汛 排涝 防洪 汛情 水位监测 积水点 洪涝 积水 防汛抗旱',
    { areas: ['emergency', 'urban-governance'] },
  ),

  // — Emergency management —
  concept(
    'emergency_command',
    'Emergency command and dispatch',
    '应急指挥 应急管理 应急调度 应急救援 指挥调度 应急联动 应急平台 应急指挥中心 应急处置 应急预案 融合通信 指挥中心 应急 一键调度 应急物资',
    { domains: ['industry-it'], areas: ['emergency'] },
  ),
  concept(
    'early_warning',
    'Monitoring and early warning',
    '监测预警 灾害预警 预警发布 预警信息发布 自然灾害监测 风险监测 多灾种 综合风险 风险普查 灾害监测 风险预警 预警 自然灾害',
    { domains: ['industry-it'], areas: ['emergency'] },
  ),
  concept(
    'fire_safety',
    'Fire safety',
    '消防 智慧消防 火灾 消防物联网 烟感 电气火灾 森林防火 火情 防火 消防安全',
    {
      areas: ['emergency', 'community'],
    },
  ),
  concept(
    'work_safety',
    'Work safety and hazardous chemicals',
    '安全生产 危化品 危险化学品 重大危险源 双重预防 隐患排查 风险分级管控 安全监管 矿山安全 工贸安全 企业安全生产 安全隐患 隐患',
    { domains: ['industry-it'], areas: ['emergency', 'manufacturing'] },
  ),
  concept(
    'geohazard',
    'Geological hazards',
    '地质灾害 滑坡 地灾 边坡监测 崩塌 泥石流 地面沉降 地灾监测 地震',
    {
      domains: ['geospatial'],
      areas: ['emergency'],
    },
  ),
  concept('mining', 'Smart mining', '智慧矿山 矿山 煤矿 非煤矿山 矿井', { areas: ['energy', 'emergency'] }),

  // — Community —
  concept(
    'elderly_care',
    'Elderly care',
    '社区养老 智慧养老 居家养老 养老服务 适老化 助老 养老院 医养结合 养老机构 老年人 失能老人 老年食堂 长者 养老 为老服务',
    { domains: ['internet-services'], areas: ['community', 'healthcare'] },
  ),
  concept(
    'smart_community',
    'Smart community and property services',
    '智慧社区 社区服务 物业管理 智慧物业 社区治理 小区 未来社区 完整社区 居民服务 社区 物业 志愿服务',
    { domains: ['internet-services', 'industry-it'], areas: ['community'] },
  ),
  concept(
    'convenience_services',
    'Neighbourhood services',
    '便民服务 15分钟生活圈 生活圈 家政服务 家政 社区商业 便民',
    {
      domains: ['internet-services'],
      areas: ['community'],
    },
  ),
  concept('childcare', 'Childcare', '托育 婴幼儿 托育服务 托幼 儿童', { areas: ['community'] }),
  concept(
    'smart_security',
    'Access control and security systems',
    '智慧安防 安防 门禁 人脸门禁 智能门禁 访客管理 周界 周界防范 出入管理 智能门锁 安防监控',
    { domains: ['embedded'], areas: ['community', 'urban-governance'] },
  ),
  concept('smart_home', 'Smart home', '智能家居 全屋智能 智能家电 家庭网关 家居', {
    domains: ['embedded'],
    areas: ['community'],
  }),

  // — Education —
  concept(
    'smart_education',
    'Education informatization',
    '智慧教育 教育信息化 数字教育 教育数字化 智慧教育平台 教育',
    { domains: ['industry-it'], areas: ['education'] },
  ),
  concept(
    'smart_campus',
    'Smart campus',
    '智慧校园 数字校园 校园管理 平安校园 校园安全 校园一卡通 校园 学校',
    {
      domains: ['industry-it'],
      areas: ['education'],
    },
  ),
  concept(
    'online_education',
    'Online learning',
    '在线教育 网络教学 在线课程 慕课 远程教学 教学平台 学习平台 网课 在线学习 教育云 教育资源 数字教育资源 线上教学',
    { latin: 'mooc', domains: ['internet-services'], areas: ['education'] },
  ),
  concept(
    'smart_classroom',
    'Smart classroom',
    '智慧课堂 智慧教室 互动课堂 录播教室 常态化录播 课堂分析 课堂教学 多媒体教室 智能黑板 课堂 教室',
    { areas: ['education'] },
  ),
  concept(
    'learning_analytics',
    'Learning analytics and assessment',
    '学情分析 智能阅卷 阅卷 作业管理 个性化学习 因材施教 自适应学习 学业评价 综合素质评价 考试评价 精准教学 学情',
    { domains: ['emerging-platforms'], areas: ['education'] },
  ),
  concept(
    'edu_admin',
    'Education administration',
    '教育管理 教务管理 教务 学籍 排课 招生 教育督导 学生管理 教师管理 教师',
    {
      domains: ['industry-it'],
      areas: ['education'],
    },
  ),
  concept(
    'vocational_training',
    'Vocational education and training',
    '职业培训 实训 虚拟仿真实训 实训平台 职业教育 技能培训 产教融合',
    { areas: ['education'] },
  ),

  // — Culture and tourism —
  concept(
    'smart_tourism',
    'Smart tourism and scenic areas',
    '智慧旅游 智慧文旅 文旅 景区 智慧景区 文化旅游 全域旅游 游客 旅游服务 文旅融合 旅游 文旅大数据 景点 夜游 演艺 文创',
    { domains: ['internet-services'], areas: ['culture-tourism'] },
  ),
  concept(
    'digital_culture',
    'Museums and digital heritage',
    '数字博物馆 文物数字化 数字文化 文化遗产 非遗 非物质文化遗产 博物馆 数字展馆 文博 文物 图书馆 文化馆 公共文化',
    { areas: ['culture-tourism'] },
  ),
  concept(
    'immersive_xr',
    'VR / AR and immersive media',
    '虚拟现实 增强现实 混合现实 沉浸式 元宇宙 扩展现实 裸眼3d 全息',
    {
      latin: 'vr ar xr mr',
      domains: ['emerging-platforms'],
      areas: ['culture-tourism', 'education'],
    },
  ),
  concept('digital_human', 'Digital humans', '数字人 虚拟人 虚拟数字人 数字主播 虚拟主播', {
    domains: ['emerging-platforms'],
  }),
  concept(
    'crowd_flow',
    'Crowd and passenger-flow monitoring',
    '客流监测 客流统计 人流监测 客流预测 人流密度 客流分析 人流量 客流 人流 大客流',
    { areas: ['culture-tourism', 'transport', 'emergency'] },
  ),
  concept(
    'ticketing',
    'Ticketing and reservations',
    '票务 电子票务 分时预约 门票预约 票务系统 预约入园 门票',
    {
      domains: ['internet-services'],
      areas: ['culture-tourism'],
    },
  ),
  concept('media', 'Converged media', '融媒体 媒体融合 全媒体 新闻采编 广电 融媒体中心 内容审核 新媒体', {
    domains: ['internet-services'],
    areas: ['culture-tourism'],
  }),
  concept('sports', 'Sports and fitness', '全民健身 智慧体育 体育场馆 健身 赛事 体育', {
    areas: ['culture-tourism', 'community'],
  }),

  // — Manufacturing and industrial software —
  concept(
    'industrial_internet',
    'Industrial internet and device connectivity',
    '工业互联网 工业物联网 设备联网 设备上云 工业互联网平台 标识解析 工业互联网标识解析 工业数据采集 设备数据采集 数采 设备接入 数据采集与监控 工业大数据',
    { latin: 'iiot scada', domains: ['industrial-software'], areas: ['manufacturing'] },
  ),
  concept(
    'industrial_control',
    'Industrial control systems',
    '工业控制 工控系统 工业控制系统 组态软件 可编程控制器 集散控制 工控 运动控制 工控机',
    { latin: 'plc dcs', domains: ['industrial-software', 'embedded'], areas: ['manufacturing', 'energy'] },
  ),
  concept(
    'industrial_security',
    'Industrial control security',
    '工控安全 工业控制系统安全 工业信息安全 工业互联网安全 工业防火墙',
    { domains: ['cybersecurity'], areas: ['manufacturing'] },
  ),
  concept(
    'mes',
    'Manufacturing execution (MES)',
    '制造执行系统 生产执行系统 生产管理系统 车间管理 生产过程管理 生产管控 车间执行 生产追溯 生产管理 车间',
    { latin: 'mes', domains: ['industrial-software'], areas: ['manufacturing'] },
  ),
  concept(
    'aps',
    'Production planning and scheduling',
    '高级计划排程 智能排产 生产排程 排产 计划排程 排程优化 排程',
    {
      latin: 'aps',
      domains: ['industrial-software'],
      areas: ['manufacturing'],
    },
  ),
  concept(
    'erp',
    'ERP and enterprise management software',
    '企业资源计划 企业管理软件 进销存 财务软件 财务管理系统',
    {
      latin: 'erp',
      domains: ['industry-it', 'industrial-software'],
      areas: ['manufacturing'],
    },
  ),
  concept(
    'plm',
    'Product lifecycle management',
    '产品生命周期管理 产品数据管理 研发管理 工艺管理 产品全生命周期',
    {
      latin: 'plm pdm',
      domains: ['industrial-software'],
      areas: ['manufacturing'],
    },
  ),
  concept(
    'cad',
    'CAD and design software',
    '计算机辅助设计 三维设计 二维设计 三维cad 研发设计软件 工业设计软件 制图软件 几何内核 三维几何 研发设计',
    { latin: 'cad cam', domains: ['industrial-software'], areas: ['manufacturing'] },
  ),
  concept(
    'cae',
    'Simulation (CAE)',
    '仿真软件 工业仿真 有限元 有限元分析 仿真分析 多物理场 计算流体 结构仿真 数值仿真 仿真',
    { latin: 'cae cfd', domains: ['industrial-software'], areas: ['manufacturing'] },
  ),
  concept(
    'predictive_maintenance',
    'Predictive maintenance',
    '预测性维护 设备健康管理 故障诊断 故障预测 设备运维 设备点检 振动监测 状态监测 设备管理 设备故障',
    { latin: 'phm', domains: ['industrial-software'], areas: ['manufacturing', 'energy'] },
  ),
  concept(
    'quality_inspection',
    'Quality inspection and machine vision',
    '质量检测 缺陷检测 视觉检测 工业视觉 机器视觉 表面缺陷 智能质检 质检 外观检测 瑕疵检测',
    { latin: 'aoi', domains: ['industrial-software', 'emerging-platforms'], areas: ['manufacturing'] },
  ),
  concept(
    'smart_factory',
    'Smart factory',
    '智能工厂 数字化车间 智能制造 数字化工厂 灯塔工厂 智慧工厂 智能化改造 数字化改造 智改数转 制造业数字化转型 智能化车间 制造业 生产线 产线 自动化产线 柔性生产',
    { domains: ['industrial-software'], areas: ['manufacturing'] },
  ),
  concept('industrial_software', 'Industrial software', '工业软件 工业app 工业应用软件 工业软件平台', {
    domains: ['industrial-software'],
    areas: ['manufacturing'],
  }),
  concept(
    'robotics',
    'Robots and AGVs',
    '工业机器人 机器人 协作机器人 机械臂 移动机器人 巡检机器人 服务机器人',
    { latin: 'agv amr', domains: ['embedded'], areas: ['manufacturing', 'logistics'] },
  ),
  concept('supply_chain', 'Supply chain management', '供应链 供应链管理 采购管理 供应商管理 供应链协同', {
    latin: 'scm srm',
    domains: ['industry-it'],
    areas: ['logistics', 'manufacturing'],
  }),
  concept(
    'semiconductor',
    'Semiconductor manufacturing',
    '半导体 晶圆 封装测试 封测 良率 集成电路制造 芯片制造 晶圆厂',
    {
      domains: ['eda'],
      areas: ['manufacturing'],
    },
  ),
  concept(
    'eda',
    'EDA and chip design',
    '芯片设计 集成电路设计 电子设计自动化 逻辑综合 布局布线 版图设计 电路仿真 时序分析 芯片验证 集成电路 芯片 模拟电路 数字电路 流片 物理设计 ic设计 ip核 芯片ip',
    { latin: 'eda fpga', domains: ['eda'], areas: ['manufacturing'] },
  ),
  concept('pcb', 'PCB design', '印制电路板 电路板 pcb设计', {
    latin: 'pcb',
    domains: ['eda'],
    areas: ['manufacturing'],
  }),

  // — Embedded, IoT and infrastructure software —
  concept(
    'embedded',
    'Embedded systems and RTOS',
    '嵌入式 嵌入式系统 嵌入式软件 嵌入式系统软件 实时操作系统 嵌入式操作系统 单片机 固件 驱动开发 板级支持包 微控制器',
    { latin: 'rtos freertos mcu bsp rt-thread', domains: ['embedded'] },
  ),
  concept('harmony', 'OpenHarmony ecosystem', '鸿蒙 开源鸿蒙 鸿蒙系统 鸿蒙生态 原生鸿蒙', {
    latin: 'openharmony harmonyos',
    domains: ['basic-software', 'embedded'],
  }),
  concept(
    'iot',
    'Internet of Things',
    '物联网 物联感知 感知设备 传感器 物联网平台 智能终端 感知网络 传感网 物联',
    { latin: 'iot nb-iot lora zigbee', domains: ['embedded', 'emerging-platforms'] },
  ),
  concept('five_g', '5G and private networks', '5g专网 5g应用 5g网络 移动通信 专网通信 无线专网', {
    latin: '5g',
    domains: ['emerging-platforms'],
  }),
  concept('edge_computing', 'Edge computing', '边缘计算 边缘网关 边缘节点 边缘智能 边缘侧 端边云', {
    domains: ['emerging-platforms', 'embedded'],
  }),
  concept(
    'cloud_platform',
    'Cloud platforms',
    '云计算 云平台 政务云 私有云 混合云 公有云 云服务 上云 云资源 云管平台 多云管理',
    { latin: 'iaas paas saas', domains: ['basic-software', 'emerging-platforms'] },
  ),
  concept('cloud_native', 'Cloud native and containers', '云原生 容器 容器云 微服务 服务网格 容器化', {
    latin: 'kubernetes k8s devops docker',
    domains: ['basic-software'],
  }),
  concept(
    'computing_power',
    'Computing power and AI data centres',
    '算力 智算中心 算力调度 算力平台 智能计算中心 超算 超算中心 算力网络 数据中心 智算',
    { latin: 'gpu', domains: ['emerging-platforms', 'basic-software'] },
  ),
  concept(
    'xinchuang',
    'Domestic-stack (Xinchuang) adaptation',
    '信创 国产化 国产化适配 信创适配 国产化替代 自主可控 安全可控 国产替代 适配认证 信创改造 信创产品 信息技术应用创新 国产软硬件',
    { domains: ['basic-software'] },
  ),
  concept(
    'operating_system',
    'Operating systems',
    '操作系统 国产操作系统 麒麟 银河麒麟 中标麒麟 统信 桌面操作系统 服务器操作系统',
    { latin: 'uos linux openeuler kylin', domains: ['basic-software'] },
  ),
  concept(
    'database',
    'Databases',
    '数据库 国产数据库 分布式数据库 关系型数据库 时序数据库 图数据库 达梦 人大金仓 金仓 数据库管理系统',
    { latin: 'oceanbase opengauss gaussdb tidb dbms', domains: ['basic-software'] },
  ),
  concept('middleware', 'Middleware', '中间件 消息中间件 应用服务器 消息队列 应用中间件 交易中间件', {
    latin: 'kafka',
    domains: ['basic-software'],
  }),
  concept('office_software', 'Office software', '办公软件 版式文档 文档处理 办公套件 流式文档 国产办公', {
    latin: 'wps ofd',
    domains: ['basic-software'],
  }),
  concept('basic_software', 'Basic software', '基础软件 系统软件 基础软件平台', {
    domains: ['basic-software'],
  }),
  concept(
    'low_code',
    'Low-code platforms',
    '低代码 低代码平台 零代码 无代码 快速开发平台 可视化开发 表单引擎 流程引擎',
    { domains: ['emerging-platforms', 'basic-software'] },
  ),
  concept(
    'dev_tools',
    'Developer tools',
    '编译器 集成开发环境 开发工具链 开发工具 代码托管 研发效能 代码生成 编程',
    {
      latin: 'ide',
      domains: ['basic-software'],
    },
  ),
  concept(
    'software_testing',
    'Software testing',
    '软件测试 自动化测试 性能测试 测试平台 软件测评 测试工具 接口测试',
    {
      domains: ['basic-software'],
    },
  ),
  concept(
    'blockchain',
    'Blockchain',
    '区块链 联盟链 分布式账本 智能合约 区块链存证 可信存证 电子存证 链上存证 上链',
    { latin: 'blockchain bsn', domains: ['emerging-platforms'] },
  ),
  concept('quantum', 'Quantum computing and communication', '量子计算 量子通信 量子', {
    domains: ['emerging-platforms'],
  }),
  concept('emerging_platform', 'Emerging platform software', '新兴平台软件 新兴平台', {
    domains: ['emerging-platforms'],
  }),
  concept('digital_transformation', 'Digital transformation', '数字化转型 信息化建设 数字化升级', {
    domains: ['industry-it'],
  }),

  // — AI —
  concept(
    'llm',
    'Large language models and generative AI',
    '大模型 大语言模型 生成式人工智能 生成式ai 通用大模型 行业大模型 垂直大模型 多模态大模型 预训练模型 基础模型 模型微调 人工智能大模型 ai大模型 检索增强',
    { latin: 'llm aigc gpt deepseek chatgpt rag', domains: ['emerging-platforms'] },
  ),
  concept('ai_agent', 'AI agents', '智能体 ai智能体 智能代理 多智能体', {
    latin: 'agent',
    domains: ['emerging-platforms'],
  }),
  concept(
    'artificial_intelligence',
    'Artificial intelligence',
    '人工智能 机器学习 深度学习 神经网络 算法模型 智能算法 ai算法 ai平台 ai应用 算法',
    { latin: 'ai', domains: ['emerging-platforms'] },
  ),
  concept(
    'intelligent_qa',
    'Chatbots and intelligent customer service',
    '智能客服 智能问答 客服机器人 聊天机器人 问答机器人 智能导办 智能咨询 对话机器人 智能应答 在线客服 客服',
    { domains: ['emerging-platforms', 'internet-services'] },
  ),
  concept(
    'knowledge_graph',
    'Knowledge graphs and knowledge bases',
    '知识图谱 知识库 知识管理 语义检索 知识工程 图谱',
    {
      domains: ['emerging-platforms'],
    },
  ),
  concept(
    'speech',
    'Speech recognition and synthesis',
    '语音识别 语音合成 语音交互 智能语音 语音转写 声纹识别 语音',
    {
      latin: 'asr tts',
      domains: ['emerging-platforms'],
    },
  ),
  concept('nlp', 'Natural language processing', '自然语言处理 文本分析 语义分析 语义理解 文本挖掘 智能写作', {
    latin: 'nlp',
    domains: ['emerging-platforms'],
  }),
  concept(
    'ocr',
    'OCR and document recognition',
    '文字识别 票据识别 证照识别 光学字符识别 文档识别 表单识别',
    {
      latin: 'ocr',
      domains: ['emerging-platforms'],
    },
  ),
  concept('rpa', 'Robotic process automation', '流程自动化 机器人流程自动化 数字员工 软件机器人', {
    latin: 'rpa',
    domains: ['emerging-platforms', 'industry-it'],
  }),
  concept(
    'public_opinion',
    'Public-opinion monitoring',
    '舆情 舆情监测 舆情分析 网络舆情 舆论监测 舆情预警',
    {
      domains: ['internet-services', 'cybersecurity'],
      areas: ['government'],
    },
  ),
  concept(
    'user_profile',
    'User profiling and recommendation',
    '用户画像 精准营销 个性化推荐 推荐系统 推荐算法 智能推荐 营销自动化 精准推送',
    {
      domains: ['internet-services'],
    },
  ),

  // — Internet services, trade and logistics —
  concept(
    'mobile_app',
    'Mobile apps and mini-programs',
    '小程序 微信小程序 移动应用 公众号 掌上 手机app 移动app app开发',
    {
      latin: 'app h5',
      domains: ['internet-services'],
    },
  ),
  concept(
    'internet_platform',
    'Internet information services',
    '互联网平台 互联网信息服务 平台经济 网络平台 在线平台 互联网服务',
    { domains: ['internet-services'] },
  ),
  concept('video_conference', 'Video conferencing', '视频会议 云会议 远程会议 会议系统 音视频', {
    domains: ['internet-services'],
  }),
  concept('live_streaming', 'Live streaming and short video', '直播 短视频 视频直播 网络直播 直播平台', {
    domains: ['internet-services'],
    areas: ['culture-tourism'],
  }),
  concept(
    'e_commerce',
    'E-commerce and retail',
    '电商 电子商务 直播电商 网络零售 新零售 零售数字化 商超 电商平台 社区团购 零售 商贸',
    { domains: ['internet-services'], areas: ['logistics'] },
  ),
  concept(
    'cross_border',
    'Cross-border trade',
    '跨境电商 跨境贸易 国际贸易 单一窗口 口岸 通关 海关 外贸 进出口',
    {
      domains: ['internet-services'],
      areas: ['logistics'],
    },
  ),
  concept('smart_port', 'Ports and shipping', '智慧港口 港口 码头 航运 集装箱 船舶 港航', {
    areas: ['logistics', 'transport'],
  }),
  concept(
    'smart_logistics',
    'Smart logistics',
    '智慧物流 物流平台 物流信息化 网络货运 物流调度 多式联运 运输管理 货运 物流园区 物流 干线运输 车货匹配 商贸物流 运输调度',
    { latin: 'tms', domains: ['industry-it', 'internet-services'], areas: ['logistics'] },
  ),
  concept(
    'last_mile',
    'Delivery and last mile',
    '即时配送 末端配送 无人配送 城市配送 快递 配送 外卖 同城配送',
    {
      domains: ['internet-services'],
      areas: ['logistics'],
    },
  ),
  concept(
    'cold_chain',
    'Cold-chain logistics',
    '冷链物流 冷链 冷库 冷链运输 冷链监测 温控 温湿度监测 冷藏 温湿度',
    {
      domains: ['industry-it', 'embedded'],
      areas: ['logistics', 'agriculture'],
    },
  ),
  concept('warehouse', 'Warehousing', '仓储管理 智能仓储 立体仓库 仓库管理 自动化立体库 智慧仓储 仓储 仓库', {
    latin: 'wms',
    domains: ['industry-it'],
    areas: ['logistics', 'manufacturing'],
  }),
  concept(
    'traceability',
    'Product traceability',
    '农产品溯源 质量追溯 溯源 追溯 产品追溯 一物一码 防伪溯源 追溯体系 溯源码 全程追溯 可追溯',
    { domains: ['industry-it'], areas: ['agriculture', 'logistics'] },
  ),

  // — Finance —
  concept(
    'fintech',
    'Financial services and fintech',
    '金融服务 金融科技 数字金融 金融信息化 银行核心系统 手机银行 网上银行 智慧银行 保险科技 证券 银行 金融 保险 智能理赔 理赔',
    { domains: ['industry-it'], areas: ['finance'] },
  ),
  concept(
    'risk_control',
    'Financial risk control',
    '金融风控 风控 风险控制 反欺诈 信贷风控 智能风控 反洗钱 风险识别 风控模型 贷后管理',
    { domains: ['industry-it', 'emerging-platforms'], areas: ['finance'] },
  ),
  concept(
    'inclusive_finance',
    'Inclusive finance and SME lending',
    '普惠金融 供应链金融 中小企业融资 融资服务 信贷 贷款 融资对接 金融服务平台 融资平台 信易贷 银企对接 融资',
    { domains: ['internet-services'], areas: ['finance'] },
  ),
  concept(
    'digital_payment',
    'Digital payments',
    '数字人民币 数字货币 移动支付 支付结算 聚合支付 电子支付 支付',
    {
      latin: 'e-cny dcep',
      domains: ['internet-services'],
      areas: ['finance'],
    },
  ),
  concept(
    'financial_regulation',
    'Financial regulation',
    '金融监管 监管科技 地方金融监管 非法集资 金融风险监测 金融风险',
    {
      domains: ['industry-it'],
      areas: ['finance', 'government'],
    },
  ),

  // — Energy and environment —
  concept(
    'energy_management',
    'Energy management and consumption monitoring',
    '能耗监测 能源管理 能耗管理 能效 能源管控 用能监测 节能 能耗 综合能源 能效管理 用电监测 能源监测 能源环保 节能环保 节能降耗',
    { latin: 'ems', domains: ['industry-it', 'embedded'], areas: ['energy'] },
  ),
  concept(
    'carbon',
    'Carbon accounting and emissions',
    '碳排放 碳足迹 碳核算 碳中和 碳达峰 双碳 碳资产 碳交易 碳管理 零碳 低碳 碳普惠 碳监测 减排',
    { domains: ['industry-it'], areas: ['energy'] },
  ),
  concept(
    'power_grid',
    'Power grid',
    '智能电网 电网 配电网 配电自动化 变电站 输电线路 电力调度 电力系统 电力巡检 电力 供电 配电',
    { domains: ['industry-it', 'embedded'], areas: ['energy'] },
  ),
  concept(
    'virtual_power_plant',
    'Virtual power plants and demand response',
    '虚拟电厂 源网荷储 微电网 需求响应 负荷聚合 负荷调控',
    {
      domains: ['industry-it'],
      areas: ['energy'],
    },
  ),
  concept('renewable', 'Renewable energy', '光伏 风电 新能源 分布式光伏 风光储 光伏电站 新能源发电', {
    areas: ['energy'],
  }),
  concept('energy_storage', 'Energy storage', '储能 储能系统 电池管理 储能电站 电化学储能', {
    domains: ['embedded'],
    areas: ['energy'],
  }),
  concept('utilities', 'Gas and heating', '燃气 供热 热力 供暖 城市燃气', {
    areas: ['energy', 'urban-governance'],
  }),

  // — Agriculture —
  concept(
    'smart_agriculture',
    'Smart agriculture',
    '智慧农业 数字农业 精准农业 农业数字化 农业大数据 智慧农场 数字农场 农业 高标准农田 粮食生产 种业 农技服务 农业生产',
    { domains: ['industry-it'], areas: ['agriculture'] },
  ),
  concept(
    'agri_iot',
    'Agricultural IoT and greenhouses',
    '农业物联网 设施农业 智能灌溉 水肥一体化 智能温室 温室大棚 大棚 温室 墒情监测 墒情 病虫害监测 病虫害 土壤监测 灌溉',
    { domains: ['embedded'], areas: ['agriculture'] },
  ),
  concept('digital_village', 'Digital villages', '数字乡村 乡村振兴 智慧乡村 农村 乡村治理 三农 乡村', {
    areas: ['agriculture', 'community'],
  }),
  concept('livestock', 'Livestock and aquaculture', '智慧养殖 畜牧 养殖 水产养殖 渔业 生猪 畜禽', {
    areas: ['agriculture'],
  }),
  concept('agri_machinery', 'Farm machinery', '农机 智能农机 农机作业 植保 植保无人机 农机调度 农业机械', {
    domains: ['embedded'],
    areas: ['agriculture'],
  }),
  concept('agri_market', 'Farm produce markets', '农产品 农产品电商 农业产业链 农资 农产品流通 产销对接', {
    domains: ['internet-services'],
    areas: ['agriculture', 'logistics'],
  }),
  concept('forestry', 'Forestry and ecological protection', '林业 森林资源 林长制 生态保护 森林', {
    areas: ['agriculture', 'energy'],
  }),

  // — Geospatial —
  concept(
    'gis',
    'GIS and spatio-temporal data',
    '地理信息 地理信息系统 空间信息 地图服务 电子地图 时空大数据 时空信息 地球空间信息 空间数据 一张图 时空数据 地理空间 地图',
    { latin: 'gis webgis', domains: ['geospatial'] },
  ),
  concept(
    'remote_sensing',
    'Remote sensing',
    '遥感 卫星遥感 遥感影像 影像解译 高分卫星 航空摄影 航空遥感 卫星影像 遥感监测 商业航天 卫星',
    { domains: ['geospatial'] },
  ),
  concept(
    'change_detection',
    'Change detection (land use, illegal construction)',
    '变化检测 变化发现 变化监测 图斑 图斑核查 违法用地 卫片执法 违建识别 违法建设',
    { domains: ['geospatial'], areas: ['urban-governance'] },
  ),
  concept(
    'beidou',
    'BeiDou positioning and navigation',
    '北斗 北斗导航 卫星导航 高精度定位 北斗定位 位置服务 室内定位 精准定位 定位服务',
    {
      latin: 'gnss gps lbs rtk',
      domains: ['geospatial', 'embedded'],
    },
  ),
  concept(
    'reality_3d',
    'Real-scene 3D and point clouds',
    '实景三维 倾斜摄影 三维建模 三维重建 激光点云 点云 三维模型 三维地图 三维可视化 三维gis 三维',
    { domains: ['geospatial'] },
  ),
  concept(
    'land_planning',
    'Territorial planning and natural resources',
    '国土空间规划 国土空间 自然资源 用地审批 耕地保护 不动产登记 不动产 国土资源 土地利用 城市规划',
    { domains: ['geospatial'], areas: ['government', 'urban-governance'] },
  ),
  concept('surveying', 'Surveying and mapping', '测绘 地形图 工程测量 地籍 测绘地理信息', {
    domains: ['geospatial'],
  }),
  concept(
    'low_altitude',
    'Low-altitude economy and drones',
    '低空经济 无人机 低空飞行 无人机巡检 低空物流 飞行器 空域管理 低空 低空智联 低空空域 通用航空 无人机配送 飞手',
    {
      latin: 'evtol uav',
      domains: ['geospatial', 'emerging-platforms', 'embedded'],
      areas: ['transport', 'emergency'],
    },
  ),

  // — Cybersecurity —
  concept(
    'cybersecurity',
    'Cybersecurity',
    '网络安全 网络安全软件 信息安全 网络安全防护 网络信息安全 网络安全服务 网络攻防',
    { domains: ['cybersecurity'] },
  ),
  concept(
    'mlps',
    'Classified protection (MLPS)',
    '等保 等级保护 等保测评 网络安全等级保护 等保合规 三级等保 等保三级 关键信息基础设施 关保',
    { latin: 'mlps', domains: ['cybersecurity'] },
  ),
  concept(
    'situational_awareness',
    'Security situational awareness and operations',
    '态势感知 安全态势 威胁情报 安全运营 安全运营中心 攻防演练 护网 安全大数据 威胁检测 安全运维 日志审计 安全审计 数据库审计',
    { latin: 'siem', domains: ['cybersecurity'] },
  ),
  concept('crypto', 'Commercial cryptography', '商用密码 密评 密码应用 国密 密码测评 密码服务 加密 密码', {
    latin: 'sm2 sm3 sm4',
    domains: ['cybersecurity'],
  }),
  concept(
    'data_security',
    'Data security',
    '数据安全 数据脱敏 数据防泄漏 个人信息保护 数据分类分级 数据加密 数据安全治理 敏感数据 隐私保护',
    { latin: 'dlp', domains: ['cybersecurity'] },
  ),
  concept(
    'network_defense',
    'Network and endpoint defence',
    '防火墙 入侵检测 入侵防御 零信任 终端安全 主机安全 防病毒 网络攻击 抗ddos 边界防护 web应用防火墙 病毒',
    { latin: 'waf edr ddos', domains: ['cybersecurity'] },
  ),
  concept(
    'vulnerability',
    'Vulnerability management and penetration testing',
    '漏洞扫描 漏洞管理 渗透测试 安全评估 漏洞挖掘 代码审计 漏洞',
    { domains: ['cybersecurity'] },
  ),
  concept(
    'identity',
    'Identity and access management',
    '身份认证 统一身份认证 单点登录 权限管理 身份管理 访问控制 多因素认证',
    {
      latin: 'sso iam',
      domains: ['cybersecurity'],
    },
  ),
];

const BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));

export const conceptById = (id: string): Concept | undefined => BY_ID.get(id);

const LATIN_CHAR = /[a-z0-9]/;

interface Pattern {
  text: string;
  id: string;
  /** A Latin form must stand as a whole word: "ai" must not match inside "email". */
  wholeWord: boolean;
}

let patternsByFirstChar: Map<string, Pattern[]> | undefined;

// Built lazily so that importing core costs nothing for routes that never match.
function patterns(): Map<string, Pattern[]> {
  if (patternsByFirstChar) return patternsByFirstChar;
  const map = new Map<string, Pattern[]>();
  const add = (raw: string, id: string) => {
    const text = normalizeText(raw);
    const first = text[0];
    if (!first) return;
    const wholeWord = /^[a-z0-9 ]+$/.test(text);
    const list = map.get(first) ?? [];
    list.push({ text, id, wholeWord });
    map.set(first, list);
  };
  for (const c of CONCEPTS) {
    for (const s of c.zh) add(s, c.id);
    for (const s of c.latin ?? []) add(s, c.id);
  }
  // Longest first, so that 冷链物流 wins over 物流 and 工业物联网 over 物联网.
  for (const list of map.values())
    list.sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  patternsByFirstChar = map;
  return map;
}

/**
 * Concept mentions in text already in search normal form (normalizeText): concept id → count, in
 * order of first mention. Greedy longest match from left to right; a matched span is consumed, so
 * overlapping synonyms count once.
 */
export function conceptMentionsNormalized(norm: string): Map<string, number> {
  const map = patterns();
  const out = new Map<string, number>();
  let i = 0;
  while (i < norm.length) {
    const candidates = map.get(norm[i] as string);
    let matched = 0;
    if (candidates) {
      for (const p of candidates) {
        if (!norm.startsWith(p.text, i)) continue;
        if (p.wholeWord) {
          const before = norm[i - 1];
          const after = norm[i + p.text.length];
          if ((before && LATIN_CHAR.test(before)) || (after && LATIN_CHAR.test(after))) continue;
        }
        out.set(p.id, (out.get(p.id) ?? 0) + 1);
        matched = p.text.length;
        break;
      }
    }
    i += matched || 1;
  }
  return out;
}

/** Concept ids mentioned in a text (any script or width), in order of first mention. */
export function conceptsIn(text: string): string[] {
  return [...conceptMentionsNormalized(normalizeText(text)).keys()];
}

/** Display labels of a concept. */
export function conceptLabel(id: string): { zh: string; en: string } {
  const c = BY_ID.get(id);
  return c ? { zh: c.zh[0] ?? c.en, en: c.en } : { zh: id, en: id };
}

function vote(ids: readonly string[], pick: (c: Concept) => readonly string[] | undefined): string[] {
  const evidence = new Map<string, number>();
  for (const id of ids) {
    const list = pick(BY_ID.get(id) ?? { id, zh: [], en: '' }) ?? [];
    for (const code of list) evidence.set(code, (evidence.get(code) ?? 0) + 1 / list.length);
  }
  return [...evidence.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code]) => code);
}

/**
 * Application areas the concepts point to, strongest first (each concept votes 1, split among its
 * areas). For data without an explicit area, e.g. scenarios imported from a file.
 */
export const inferAreas = (conceptIds: readonly string[]): string[] => vote(conceptIds, (c) => c.areas);

/** Software domains the concepts point to, strongest first. */
export const inferDomains = (conceptIds: readonly string[]): string[] => vote(conceptIds, (c) => c.domains);
