import { expect, test } from 'vitest';
import { analyzeSql } from '../src/sql.ts';

test('a WITH query calling replace() reads; WITH … REPLACE INTO writes', () => {
  expect(analyzeSql("WITH q AS (SELECT 'a\"b' AS s) SELECT replace(s, '\"', '') FROM q").kinds[0]).toBe(
    'read',
  );
  expect(analyzeSql('WITH q AS (SELECT 1 AS x) REPLACE INTO t (x) SELECT x FROM q').kinds[0]).toBe('write');
  expect(analyzeSql('WITH q AS (SELECT 1 AS x) INSERT INTO t (x) SELECT x FROM q').kinds[0]).toBe('write');
  expect(analyzeSql('WITH q AS (SELECT 1) UPDATE t SET x = 1').kinds[0]).toBe('write');
});
