export {
  CONCEPTS,
  type Concept,
  conceptById,
  conceptLabel,
  conceptMentionsNormalized,
  conceptsIn,
  inferAreas,
  inferDomains,
} from './concepts.ts';
export {
  areaToken,
  conceptsOfTokens,
  conceptToken,
  domainToken,
  type FirmDocumentInput,
  firmDocument,
  MAX_EMBED_TEXT,
  MAX_QUERY_TERMS,
  type ProductDocumentInput,
  productDocument,
  type ScenarioDocumentInput,
  scenarioDocument,
} from './document.ts';
export {
  certificationName,
  checkEligibility,
  DEFAULT_LEAD_LIMIT,
  type EligibilityOptions,
} from './eligibility.ts';
export {
  cosine,
  createLocalEmbedder,
  embedLocal,
  fitDimensions,
  LOCAL_EMBEDDING_MODEL,
  MATCH_VECTOR_DIMENSIONS,
} from './embedder.ts';
export {
  DEFAULT_MATCH_WEIGHTS,
  DEFAULT_NEAR_MISS_MIN_SCORE,
  DEFAULT_NEAR_MISSES,
  DEFAULT_SEMANTIC_RANGE,
  rankMatches,
  resolveWeights,
  SECONDARY_DOMAIN_CREDIT,
} from './rank.ts';
export * from './types.ts';
