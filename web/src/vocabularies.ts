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

export function label(list: Term[] | undefined, code: string, l: Locale): string {
  const term = list?.find((x) => x.code === code);
  return term ? (l === 'en' ? term.en : term.zh) : code;
}
