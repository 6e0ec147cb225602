// Builds what the matcher indexes for a firm, product or scenario: the text to embed, the FTS5 tokens
// and the FTS5 query used when the document is the asking side.

import { domainsOf } from '../schemas/scenario.ts';
import { normalizeText } from '../text/normalize.ts';
import { APPLICATION_AREAS, labelOf, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { conceptMentionsNormalized, inferAreas, inferDomains } from './concepts.ts';
import type { MatchDocument } from './types.ts';
import { indexWords, isGenericWord } from './words.ts';

export interface FirmDocumentInput {
  name: string;
  description?: string | null;
  /** 主营能力: what the firm says it does best; weighs like a title. */
  capability?: string | null;
  domains?: readonly string[];
  cases?: readonly {
    title: string;
    description?: string | null;
    domain?: string | null;
    area?: string | null;
  }[];
  products?: readonly { name: string; summary?: string | null }[];
}

export interface ProductDocumentInput {
  name: string;
  summary?: string | null;
  description?: string | null;
  domains?: readonly string[];
  areas?: readonly string[];
  firmName?: string | null;
}

export interface ScenarioDocumentInput {
  title: string;
  summary?: string | null;
  problem?: string | null;
  goals?: string | null;
  kpis?: readonly { name: string; target?: string | number | null; unit?: string | null }[];
  domain?: string | null;
  /** Further software domains: indexed like the primary one (zd_ tokens), labelled in `text`. */
  secondaryDomains?: readonly string[] | null;
  area?: string | null;
  requirements?: readonly { description: string }[];
}

/** Most terms in a query: enough for recall, few enough for FTS5 to stay fast. */
export const MAX_QUERY_TERMS = 32;
/** Characters of `text` kept for embedding; embedding models truncate longer input anyway. */
export const MAX_EMBED_TEXT = 4000;

const CONCEPT_PREFIX = 'zc_';
const DOMAIN_PREFIX = 'zd_';
const AREA_PREFIX = 'za_';

/** The index token of a concept, software domain or application area (FTS5-safe: [a-z0-9_]). */
export const conceptToken = (id: string): string => `${CONCEPT_PREFIX}${id}`;
export const domainToken = (code: string): string => `${DOMAIN_PREFIX}${code.replace(/-/g, '_')}`;
export const areaToken = (code: string): string => `${AREA_PREFIX}${code.replace(/-/g, '_')}`;

/** Concept ids in a `tokens` string (for rows indexed before concepts were stored separately). */
export function conceptsOfTokens(tokens: string): string[] {
  const out = new Set<string>();
  for (const t of tokens.split(' '))
    if (t.startsWith(CONCEPT_PREFIX)) out.add(t.slice(CONCEPT_PREFIX.length));
  return [...out];
}

interface Field {
  text: string | null | undefined;
  /** Repetitions in the index: titles count more than body text. */
  weight: number;
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';
const isCode = (list: readonly { code: string }[], code: string | null | undefined): code is string =>
  !!code && list.some((t) => t.code === code);

function buildDocument(
  fields: Field[],
  text: string,
  explicitDomains: readonly string[],
  explicitAreas: readonly string[],
): MatchDocument {
  const tokens: string[] = [];
  const wordWeight = new Map<string, number>();
  const conceptWeight = new Map<string, number>();
  for (const { text: raw, weight } of fields) {
    if (!present(raw)) continue;
    const norm = normalizeText(raw);
    const words = indexWords(norm);
    for (let r = 0; r < weight; r++) for (const w of words) tokens.push(w);
    for (const w of words) wordWeight.set(w, (wordWeight.get(w) ?? 0) + weight);
    for (const [id, n] of conceptMentionsNormalized(norm))
      conceptWeight.set(id, (conceptWeight.get(id) ?? 0) + n * weight);
  }
  const concepts = [...conceptWeight.keys()];

  // A concept counts like a strong term: repeated up to 4 times, more when it is in a title.
  const conceptTerms: string[] = [];
  for (const [id, w] of byWeight(conceptWeight)) {
    const t = conceptToken(id);
    conceptTerms.push(t);
    for (let r = 0; r < Math.min(4, 1 + w); r++) tokens.push(t);
  }

  // Without explicit codes, the areas and domains the concepts clearly point to stand in, once.
  const domains = unique(explicitDomains.filter((d) => isCode(SOFTWARE_DOMAINS, d)));
  const areas = unique(explicitAreas.filter((a) => isCode(APPLICATION_AREAS, a)));
  const codeTerms: string[] = [];
  const addCodes = (codes: string[], toToken: (c: string) => string, reps: number) => {
    for (const c of codes) {
      const t = toToken(c);
      codeTerms.push(t);
      for (let r = 0; r < reps; r++) tokens.push(t);
    }
  };
  addCodes(domains, domainToken, 2);
  addCodes(areas, areaToken, 2);
  if (domains.length === 0) addCodes(inferDomains(concepts).slice(0, 1), domainToken, 1);
  if (areas.length === 0) addCodes(inferAreas(concepts).slice(0, 1), areaToken, 1);

  const specific: string[] = [];
  const generic: string[] = [];
  for (const [w] of byWeight(wordWeight)) (isGenericWord(w) ? generic : specific).push(w);
  const terms = unique([...conceptTerms, ...codeTerms, ...specific, ...generic]).slice(0, MAX_QUERY_TERMS);

  return {
    text: text.length > MAX_EMBED_TEXT ? text.slice(0, MAX_EMBED_TEXT) : text,
    tokens: tokens.join(' '),
    query: terms.map((t) => `"${t}"`).join(' OR '),
    concepts,
  };
}

/** Entries by weight descending; ties keep first-seen order (Map order), so the result is stable. */
function byWeight(m: Map<string, number>): [string, number][] {
  return [...m.entries()]
    .map((e, i) => [e, i] as const)
    .sort((a, b) => b[0][1] - a[0][1] || a[1] - b[1])
    .map(([e]) => e);
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

const joinText = (parts: (string | null | undefined)[]): string =>
  parts
    .filter(present)
    .map((p) => p.trim())
    .join('\n');

const domainLabels = (codes: readonly string[]) =>
  codes.filter((c) => isCode(SOFTWARE_DOMAINS, c)).map((c) => labelOf(SOFTWARE_DOMAINS, c));
const areaLabels = (codes: readonly string[]) =>
  codes.filter((c) => isCode(APPLICATION_AREAS, c)).map((c) => labelOf(APPLICATION_AREAS, c));

/**
 * A firm's document: its capability statement weighs like a title, case titles and product names
 * count double. Domain labels go into `text` (for the embedder) but not into the words, so that
 * "行业信息化" in a profile is not mistaken for a term the firm wrote.
 */
export function firmDocument(input: FirmDocumentInput): MatchDocument {
  const cases = input.cases ?? [];
  const products = input.products ?? [];
  const fields: Field[] = [
    { text: input.name, weight: 1 },
    { text: input.capability, weight: 3 },
    { text: input.description, weight: 1 },
  ];
  for (const c of cases) fields.push({ text: c.title, weight: 2 }, { text: c.description, weight: 1 });
  for (const p of products) fields.push({ text: p.name, weight: 2 }, { text: p.summary, weight: 1 });

  const caseDomains = cases.map((c) => c.domain).filter(present);
  const caseAreas = cases.map((c) => c.area).filter(present);
  const labels = domainLabels(unique([...(input.domains ?? []), ...caseDomains]));
  const text = joinText([
    input.name,
    input.capability,
    input.description,
    labels.length > 0 ? `业务领域：${labels.join('、')}` : null,
    cases.length > 0
      ? `案例：${cases.map((c) => joinText([c.title, c.description]).replace(/\n/g, '：')).join('；')}`
      : null,
    products.length > 0
      ? `产品：${products.map((p) => joinText([p.name, p.summary]).replace(/\n/g, '：')).join('；')}`
      : null,
  ]);
  return buildDocument(fields, text, [...(input.domains ?? []), ...caseDomains], caseAreas);
}

/** A product's document: its name weighs like a title, the summary double. */
export function productDocument(input: ProductDocumentInput): MatchDocument {
  const fields: Field[] = [
    { text: input.name, weight: 3 },
    { text: input.summary, weight: 2 },
    { text: input.description, weight: 1 },
  ];
  const domains = input.domains ?? [];
  const areas = input.areas ?? [];
  const labels = [...domainLabels(domains), ...areaLabels(areas)];
  const text = joinText([
    input.name,
    input.summary,
    input.description,
    labels.length > 0 ? `适用领域：${labels.join('、')}` : null,
    present(input.firmName) ? `提供方：${input.firmName}` : null,
  ]);
  return buildDocument(fields, text, domains, areas);
}

/** A scenario's document: the title weighs triple, the summary double. */
export function scenarioDocument(input: ScenarioDocumentInput): MatchDocument {
  const kpis = input.kpis ?? [];
  const requirements = input.requirements ?? [];
  const fields: Field[] = [
    { text: input.title, weight: 3 },
    { text: input.summary, weight: 2 },
    { text: input.problem, weight: 1 },
    { text: input.goals, weight: 1 },
  ];
  for (const k of kpis) fields.push({ text: k.name, weight: 1 });
  for (const r of requirements) fields.push({ text: r.description, weight: 1 });

  const domains = domainsOf({
    domain: present(input.domain) ? input.domain : null,
    secondaryDomains: input.secondaryDomains,
  });
  const areas = present(input.area) ? [input.area] : [];
  const labels = [...areaLabels(areas), ...domainLabels(domains)];
  const kpiText = kpis
    .map(
      (k) => `${k.name}${k.target === null || k.target === undefined ? '' : ` ${k.target}${k.unit ?? ''}`}`,
    )
    .join('；');
  const text = joinText([
    input.title,
    input.summary,
    input.problem,
    input.goals,
    kpiText ? `指标：${kpiText}` : null,
    requirements.length > 0 ? `要求：${requirements.map((r) => r.description).join('；')}` : null,
    labels.length > 0 ? `领域：${labels.join('、')}` : null,
  ]);
  return buildDocument(fields, text, domains, areas);
}
