import { Validator } from '@seriousme/openapi-schema-validator';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('/api/v1/openapi.json is a valid OpenAPI 3.1 document covering every route', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const spec = await body(res);
  expect(spec.openapi).toBe('3.1.0');
  const validator = new Validator();
  const result = await validator.validate(spec);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  const ops = Object.entries(spec.paths).flatMap(([p, o]) =>
    Object.keys(o as object).map((m) => `${m} ${p}`),
  );
  // Every route the app serves under /api/v1 is documented (the spec itself aside).
  const served = new Set(
    t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')}`),
  );
  expect(new Set(ops)).toEqual(served);
  expect(ops).toContain('get /api/v1/scenarios');
  const list = spec.paths['/api/v1/scenarios'].get;
  expect(list.parameters.map((p: { name: string }) => p.name)).toContain('domain');
  expect(list.responses['422'].content['application/problem+json']).toBeTruthy();
  const reg = spec.paths['/api/v1/organizations'].post;
  expect(reg.requestBody.content['application/json'].schema.required).toContain('uscc');
});

test('the docs page is served and loads the spec', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/docs');
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('/api/v1/openapi.json');
});
