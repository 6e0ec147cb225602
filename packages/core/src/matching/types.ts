// Types of the matching engine (scenario ↔ firm/product). Pure data, JSON-friendly. The database
// gathers candidates and their facts in one statement; core decides eligibility, scores and explains.

import type { FirmSize } from '../vocabulary.ts';

/** A reason a person can read, in both languages, with the points it added (negative = held back). */
export interface MatchReason {
  /** Stable code of the feature or rule: 'domain', 'area', 'text', 'semantic', 'certification', … */
  code: string;
  zh: string;
  en: string;
  points: number;
}

export interface ScoreComponent {
  feature: MatchFeature;
  /** The feature's value in [0, 1]. */
  value: number;
  weight: number;
  /** value × weight, rounded to 4 decimals. */
  points: number;
}

export const MATCH_FEATURES = [
  'text',
  'semantic',
  'domain',
  'area',
  'district',
  'certification',
  'track_record',
  'capacity',
  'product',
  'feedback',
] as const;
export type MatchFeature = (typeof MATCH_FEATURES)[number];

export interface MatchRequirement {
  kind: 'certification' | 'size' | 'district' | 'local_tax' | 'experience' | 'technical' | 'other';
  /** certification code (CSMM, ISO27001 …) or, for experience, a software domain code (null = any). */
  code: string | null;
  /** certification level, or for experience the number of past cases required. */
  level: number | null;
  /** size: comma-separated allowed sizes ("small,micro"); district: a district code. */
  value: string | null;
  mandatory: boolean;
  description: string;
}

/** The demand side: a scenario or 揭榜挂帅 challenge. */
export interface MatchScenario {
  id: string;
  externalId: string | null;
  kind: 'scenario' | 'challenge';
  title: string;
  /** The primary software domain. */
  domain: string;
  /** Further software domains (never the primary); a firm in any of them earns domain credit. */
  secondaryDomains?: string[];
  area: string;
  district: string;
  callId: string | null;
  budgetFen: number | null;
  deadline: string | null;
  consortiumAllowed: boolean;
  /** Applications a firm may lead in this scenario's call (the call's rule); default RankOptions.leadLimit. */
  leadLimit?: number;
  requirements: MatchRequirement[];
  /** Concept ids of the scenario's document (MatchDocument.concepts); enables concept-level text match and reasons. */
  concepts?: string[];
}

export interface MatchCertification {
  code: string;
  level: number | null;
  expiresAt: string | null;
}

/** The supply side: a firm with the facts the rules and features need, for one scenario. */
export interface MatchFirm {
  id: string;
  externalId: string | null;
  name: string;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  size: FirmSize | null;
  district: string;
  localTaxResident: boolean;
  domains: string[];
  certifications: MatchCertification[];
  /** Past cases (同类案例) per software domain code ('' for cases without a domain). */
  casesByDomain: Record<string, number>;
  /** Past cases per application area code. */
  casesByArea: Record<string, number>;
  /** Awards won on the platform, and deliveries accepted (验收通过). */
  awards: number;
  accepted: number;
  /** Current load: bids submitted and not yet decided + deliveries in progress. */
  activeLoad: number;
  /** Bids (not withdrawn) this firm leads in the scenario's call. */
  leadsInCall: number;
  /** The firm is a partner in another firm's consortium bid on this scenario. */
  partnerOnScenario: boolean;
}

export interface MatchProduct {
  id: string;
  externalId: string | null;
  name: string;
  domains: string[];
  areas: string[];
  recommendedCatalog: boolean;
  firstEdition: boolean;
  xinchuang: boolean;
  deployments: number;
}

/** Text signals from SQL for one document against the query document; null = not a candidate of that kind. */
export interface TextSignal {
  /** FTS5 relevance, larger is better (−bm25()); null when the document did not match the query. */
  bm25: number | null;
  /** Cosine similarity of the two embeddings in [−1, 1]; null when a side has no vector. */
  cosine: number | null;
  /** Concept ids of this firm's or product's document (MatchDocument.concepts); optional. */
  concepts?: string[];
}

/** Feedback (有用/没用) recorded for this scenario–firm pair and for the firm overall. */
export interface MatchFeedback {
  /** This pair's latest mark by the asking side: true useful, false not useful, null none. */
  pair: boolean | null;
  /** Marks on this firm by anyone, on other scenarios (the firm's reputation with users). */
  useful: number;
  notUseful: number;
}

/** One scenario–firm pair with everything core needs to rule on it and score it. */
export interface MatchPair {
  scenario: MatchScenario;
  firm: MatchFirm;
  firmText: TextSignal;
  products: { product: MatchProduct; text: TextSignal }[];
  feedback: MatchFeedback;
}

export const ELIGIBILITY_RULES = [
  'status',
  'certification',
  'size',
  'district',
  'local_tax',
  'experience',
  'lead_limit',
  'consortium',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface UnmetRule {
  rule: EligibilityRule;
  zh: string;
  en: string;
}

export interface MatchResult {
  scenarioId: string;
  firmId: string;
  /** The firm's best-fitting product for this scenario, or null when none adds to the fit. */
  productId: string | null;
  /** In [0, 100], rounded to 2 decimals. */
  score: number;
  rank: number;
  /** Top contributions, largest first (at most 5), then any soft requirement not met. */
  reasons: MatchReason[];
  breakdown: ScoreComponent[];
}

export interface NearMiss {
  scenarioId: string;
  firmId: string;
  productId: string | null;
  /** What the score would have been. */
  score: number;
  unmet: UnmetRule[];
  reasons: MatchReason[];
}

export interface RankOptions {
  /** Time of the query (UTC ISO-8601): certificates expired at this instant do not count. */
  now: string;
  top?: number;
  /** Near misses returned (default 5); only pairs scoring at least `nearMissMinScore` (default 20). */
  nearMisses?: number;
  nearMissMinScore?: number;
  /** Bids a firm may lead per call (default 3). */
  leadLimit?: number;
  weights?: Partial<Record<MatchFeature, number>>;
  /**
   * Cosines mapped to semantic 0 and 1 (default [0.05, 0.65], fitted to the local embedder). A model
   * whose unrelated texts already score ~0.3 (bge-m3, embeddinggemma) wants e.g. [0.3, 0.8].
   */
  semanticRange?: readonly [low: number, high: number];
}

export interface RankedMatches {
  results: MatchResult[];
  nearMisses: NearMiss[];
}

/** Maps texts to unit vectors of a fixed dimension; a deterministic local one is the default. */
export interface Embedder {
  /** Stored with each vector, so a change of model is detected and re-indexed. */
  readonly model: string;
  readonly dimensions: number;
  /**
   * Cosines that mean "unrelated" and "the same thing" for this model (RankOptions.semanticRange);
   * absent: DEFAULT_SEMANTIC_RANGE, fitted to the local embedder.
   */
  readonly semanticRange?: readonly [low: number, high: number];
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** What the matcher indexes for one firm, product or scenario. */
export interface MatchDocument {
  /** The text to embed (title, descriptions, labels). */
  text: string;
  /** Space-separated index tokens for FTS5 (unicode61, tokenchars '_'): segmented words + concept tokens. */
  tokens: string;
  /**
   * An FTS5 MATCH expression (OR of the document's most telling tokens), used when this document is
   * the query. '' only for a document with no indexable content: callers must then skip FTS.
   */
  query: string;
  /** Concept ids mentioned in the document, in order of first mention (store them for ranking). */
  concepts?: string[];
}
