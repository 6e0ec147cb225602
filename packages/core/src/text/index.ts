export { searchFoldRows, TRADITIONAL_TO_SIMPLIFIED } from './fold-table.ts';
export { normalizeText } from './normalize.ts';
export { isLatinTerm, searchTerms, segment } from './segment.ts';
