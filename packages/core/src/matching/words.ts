// Index words of a text for matching: what the FTS index, the query builder and the local embedder
// all agree on. Works on text already in search normal form (normalizeText).

import { segment } from '../text/segment.ts';

const HAN = /\p{Script=Han}/u;
const SPLIT_HAN = /(\p{Script=Han}+)/u;
const LATIN_WORD = /^[a-z][a-z0-9]*$|^[0-9]+[a-z][a-z0-9]*$/;

/** Grammatical single characters: they split runs of characters the segmenter left alone. */
const GRAMMAR_CHARS = new Set(
  '的了和与及或在是等之对为将把被从以于其并且已个余也还就都而但由向至即每各该此这那我你他们'.split(''),
);

/** Words that say nothing about what a scenario or firm is about: never indexed. */
const STOP_WORDS = new Set(
  (
    '我们 公司 有限公司 股份有限公司 有限责任公司 集团 股份 有限 责任 提供 实现 进行 通过 基于 以及 相关 能够 可以 ' +
    '支持 包括 开展 具有 具备 主要 一个 一套 一种 一批 工作 方面 情况 其中 同时 并且 以上 以下 不少 不少于 不超过 不低于 ' +
    '各类 各种 多个 利用 采用 使用 需要 要求 需求 项目 目前 现有 存在 我市 本市 武汉 武汉市 湖北 湖北省 中国 国内 ' +
    '领先 专注 致力 致力于 成立 位于 总部 拥有 团队 单位 完成 形成 构建 打造 推动 推进 加强 提升 提高 促进 全面 ' +
    '有效 进一步 为了 以便 如何 解决 年度 亿元 万元 科技 已经 目标 期间 当前 多家 累计 服务商 承担 参与 围绕 面向 ' +
    '及时 实时 快速 高效 全市 全区 各区 一是 二是 三是 此外 因此 或者 等等 主营 业务 产品 客户 针对 无法 根据 部分 ' +
    '超过 达到 较为 比较 非常 其他 已有 对于 关于 由于 通常 一般 所有 这些 那些 主要是 以上的 为主 之一 多项 ' +
    '上述 如下 具体 包含 涉及 满足 确保 保障 做好 有关 相应 整体 显著 明显 大幅 不断 持续 逐步'
  ).split(' '),
);

/** Words common to nearly every text of this market: indexed, but low weight for queries and vectors. */
const GENERIC_WORDS = new Set(
  (
    '系统 平台 管理 服务 数据 智能 智慧 信息 应用 技术 建设 软件 解决方案 方案 能力 功能 模块 综合 一体化 数字化 ' +
    '信息化 网络 效率 分析 中心 体系 机制 水平 质量 运营 运行 研发 开发 行业 领域 场景 应用场景 企业 问题 指标 ' +
    '手段 模式 工具 资源 流程 标准 规范 城市 政府 部门 用户 市民 人员 设备 监测 处理 识别 优化 升级 改造 覆盖 ' +
    '统一 集成 部署 实施 运维 维护 安全 在线 线上 智能化 现代化 创新 发展 经济 社会 公共 全国 国家 省级 市级 ' +
    '区级 示范 试点 案例 经验 合作 成果 产品化 自主 研制 核心 关键 先进 专业 丰富 多年 成功'
  ).split(' '),
);

const LATIN_STOP = new Set([
  'the',
  'and',
  'of',
  'for',
  'to',
  'in',
  'with',
  'on',
  'by',
  'is',
  'are',
  'co',
  'ltd',
  'inc',
]);

export const isGenericWord = (w: string): boolean => GENERIC_WORDS.has(w);
/** Stop or generic: says little about what a text is about. */
export const isLowValueWord = (w: string): boolean => GENERIC_WORDS.has(w) || STOP_WORDS.has(w);
export const isGrammarChar = (ch: string): boolean => GRAMMAR_CHARS.has(ch);

const LATIN_RUN = /[a-z0-9]+/g;
/** Latin words of a normalized text by a plain scan (no segmenter), under the same rules as indexWords. */
export function latinWords(norm: string): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(LATIN_RUN)) {
    const w = m[0];
    if (w.length >= 2 && LATIN_WORD.test(w) && !LATIN_STOP.has(w)) out.push(w);
  }
  return out;
}

/**
 * Index words of a normalized text, in order: Chinese words of 2+ characters from the segmenter
 * (two-character words such as 交通, 医疗, 园区 are kept), Latin words lowercase, and — because the
 * segmenter's dictionary cuts technical terms into single characters (配|时, 能|耗) — each run of
 * such characters joined (能耗) and, for runs of 3+, its character bigrams; a single character right
 * after a word is also joined to it (自行|车 → 自行车, 数据|库 → 数据库). Stop words, pure
 * numbers and single characters are dropped. Every word is letters/digits or Han only.
 */
export function indexWords(norm: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  /** The segmenter's last Han word, while nothing has come after it. */
  let lastWord: string | null = null;
  const flush = () => {
    if (run.length >= 2) {
      const joined = run.join('');
      if (!STOP_WORDS.has(joined)) out.push(joined);
      if (run.length >= 3) {
        for (let i = 0; i + 1 < run.length; i++) {
          const bigram = `${run[i]}${run[i + 1]}`;
          if (!STOP_WORDS.has(bigram)) out.push(bigram);
        }
      }
    }
    run = [];
  };
  for (const word of segment(norm)) {
    for (const piece of word.split(SPLIT_HAN)) {
      if (!piece) continue;
      if (HAN.test(piece)) {
        const chars = [...piece];
        if (chars.length === 1) {
          if (GRAMMAR_CHARS.has(piece)) flush();
          else {
            // A character the segmenter left after a word usually finishes it: 自行|车, 数据|库, 无人|机.
            if (lastWord !== null && run.length === 0) {
              const compound = `${lastWord}${piece}`;
              if (!STOP_WORDS.has(compound)) out.push(compound);
            }
            run.push(piece);
          }
          lastWord = null;
          continue;
        }
        flush();
        if (!STOP_WORDS.has(piece)) out.push(piece);
        lastWord = piece;
      } else {
        lastWord = null;
        flush();
        if (piece.length >= 2 && LATIN_WORD.test(piece) && !LATIN_STOP.has(piece)) out.push(piece);
      }
    }
  }
  flush();
  return out;
}

/** Character bigrams of every run of Han characters (the embedder's fallback for unknown words). */
export function hanBigrams(norm: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < norm.length; i++) {
    if (isHanUnit(norm.charCodeAt(i)) && isHanUnit(norm.charCodeAt(i + 1))) out.push(norm.slice(i, i + 2));
  }
  return out;
}

/** CJK unified ideographs and extension A: a code-unit test, cheaper than a Unicode property regex. */
const isHanUnit = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
