import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('bad query values get one problem+json naming every bad field', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/scenarios?limit=0&kind=tender&budgetMin=abc&deadlineFrom=yesterday');
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = await body(res);
  expect(p.code).toBe('VALIDATION_FAILED');
  expect(p.requestId).toBeTruthy();
  expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'query.budgetMin',
    'query.deadlineFrom',
    'query.kind',
    'query.limit',
  ]);
});

test('a forged cursor is a validation error on query.cursor', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/scenarios?cursor=bm90LWEtY3Vyc29y');
  expect(res.status).toBe(422);
  expect((await body(res)).errors).toEqual([
    { path: 'query.cursor', message: 'is not a cursor from this API' },
  ]);
});

test('an unknown or unpublished scenario is 404; a malformed id is 422', async () => {
  t = await makeTestApp();
  const draft = await makeScenario(t.db, { status: 'draft' });
  expect((await t.request(`/api/v1/scenarios/${draft.id}`)).status).toBe(404);
  expect((await t.request('/api/v1/scenarios/01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
  const bad = await t.request('/api/v1/scenarios/not-an-id');
  expect(bad.status).toBe(422);
  expect((await body(bad)).errors[0].path).toBe('param.id');
});

test('unknown routes are problem+json 404', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/nope');
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect((await body(res)).code).toBe('NOT_FOUND');
});
