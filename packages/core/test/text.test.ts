import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  normalizeText,
  searchFoldRows,
  searchTerms,
  segment,
  TRADITIONAL_TO_SIMPLIFIED,
} from '../src/text/index.ts';

test('normalizeText: full-width to half-width, lowercase, whitespace and punctuation folded', () => {
  expect(normalizeText('ＡＩ平台　５Ｇ基站')).toBe('ai平台 5g基站');
  expect(normalizeText('  Smart\tCITY!! ')).toBe('smart city');
  expect(normalizeText('车路协同（V2X）：试点；100%')).toBe('车路协同 v2x 试点 100');
  expect(normalizeText('①号线')).toBe('1号线');
  expect(normalizeText('！？。…')).toBe('');
});

test('normalizeText: traditional to simplified for the domain vocabulary', () => {
  expect(normalizeText('醫療數據資訊網絡')).toBe('医疗数据资讯网络');
  expect(normalizeText('學校園區廠區製造軟體開發雲端')).toBe('学校园区厂区制造软体开发云端');
  expect(normalizeText('車路協同 智慧交通')).toBe('车路协同 智慧交通');
  // Simplified text is left alone; the fold is idempotent.
  expect(normalizeText('医疗数据')).toBe('医疗数据');
});

test('the fold table is a function onto characters it never folds again (idempotent)', () => {
  expect(TRADITIONAL_TO_SIMPLIFIED.size).toBeGreaterThan(400);
  for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) {
    expect(t).not.toBe(s);
    expect(TRADITIONAL_TO_SIMPLIFIED.has(s), `${t}→${s}`).toBe(false);
  }
  for (const [from, to] of searchFoldRows()) expect(normalizeText(to), from).toBe(normalizeText(from));
});

test('segment: Chinese words by the dictionary, Latin words and numbers whole, no punctuation', () => {
  expect(segment('医疗数据共享与开放')).toEqual(['医疗', '数据', '共享', '与', '开放']);
  expect(segment('5G基站，AI平台！')).toContain('平台');
  expect(segment('camera IoT 2025')).toEqual(['camera', 'IoT', '2025']);
  expect(segment('。，！')).toEqual([]);
});

test('searchTerms: words, Latin words and numbers, normalized', () => {
  expect(searchTerms('医疗数据共享与开放')).toEqual(['医疗', '数据', '共享', '开放']);
  expect(searchTerms('醫療')).toEqual(['医疗']);
  expect(searchTerms('ＡＩ平台 5G基站')).toEqual(['ai', '平台', '5g', '基站']);
  expect(searchTerms('交通')).toEqual(['交通']);
  // Single characters the dictionary cut apart are joined back.
  expect(searchTerms('车路协同')).toEqual(['车路', '协同']);
  expect(searchTerms('大客流')).toEqual(['大客流']);
  expect(searchTerms('100%')).toEqual(['100']);
  expect(searchTerms('云')).toEqual(['云']);
  expect(searchTerms('的')).toEqual(['的']);
  expect(searchTerms('交通 交通')).toEqual(['交通']);
  expect(searchTerms('！？  ')).toEqual([]);
  expect(searchTerms('')).toEqual([]);
});

test('searchTerms never throws and never returns empty strings or spaces', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 100 }),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.string({ unit: fc.constantFrom(...'医疗數據 交通,。！%ＡＢ１a1_"*()-'.split('')), maxLength: 40 }),
      ),
      (q) => {
        const terms = searchTerms(q);
        for (const t of terms) {
          expect(t.length).toBeGreaterThan(0);
          expect(t).not.toMatch(/\s/);
          expect(t).not.toMatch(/["*()]/);
        }
      },
    ),
  );
});
