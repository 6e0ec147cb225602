import { api, read } from './api.ts';
import type { Locale } from './i18n.ts';
import { signal } from './signal.ts';

export interface Term {
  code: string;
  zh: string;
  en: string;
}
export interface Vocabularies {
  domains: Term[];
  areas: Term[];
  districts: Term[];
  scenarioKinds: Term[];
}

export const vocabularies = signal<Vocabularies | null>(null);

export async function loadVocabularies() {
  vocabularies.set(await read(await api.api.v1.vocabularies.$get()));
}

/** Several codes' labels in one phrase: 、 between Chinese labels, a comma between English ones. */
export const labels = (list: Term[] | undefined, codes: readonly string[], l: Locale): string =>
  codes.map((c) => label(list, c, l)).join(l === 'en' ? ', ' : '、');

export function label(list: Term[] | undefined, code: string, l: Locale): string {
  const term = list?.find((x) => x.code === code);
  return term ? (l === 'en' ? term.en : term.zh) : code;
}
