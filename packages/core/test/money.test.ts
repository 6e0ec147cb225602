import { expect, test } from 'vitest';
import { fenToYuan, formatFen, wanYuanToFen, yuanToFen } from '../src/money.ts';

test('money converts to integer fen at the edges', () => {
  expect(yuanToFen(1234.56)).toBe(123456);
  expect(yuanToFen(0.1 + 0.2)).toBe(30);
  expect(wanYuanToFen(50)).toBe(50_000_000);
  expect(fenToYuan(123456)).toBe(1234.56);
  expect(formatFen(wanYuanToFen(123.456))).toBe('123.46万元');
  expect(formatFen(123456, 'en')).toBe('¥1,234.56');
});
