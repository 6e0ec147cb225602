import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, expect, test } from 'vitest';
import { type EvaluationWorld, evaluationWorld, ok, scoredWorld, send } from './evaluation.fixtures.ts';
import { body } from './harness.ts';

// The official schemas are JSON Schema draft-04: validated with ajv-draft-04, which the OpenAPI validator
// already depends on (resolved through it, so no new dependency).
const requireFromValidator = createRequire(
  createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator'),
);
const Ajv04 = requireFromValidator('ajv-draft-04');
const addFormats = requireFromValidator('ajv-formats');
const SCHEMAS = '/work/shared/schemas/ocds-1.1.5';
const schemaFile = (name: string) => JSON.parse(readFileSync(`${SCHEMAS}/${name}`, 'utf8'));

function validatePackage(pkg: unknown) {
  const ajv = new (Ajv04.default ?? Ajv04)({ strict: false, allErrors: true });
  (addFormats.default ?? addFormats)(ajv);
  ajv.addSchema(schemaFile('release-schema.json'));
  const validate = ajv.compile(schemaFile('release-package-schema.json'));
  const valid = validate(pkg);
  return { valid, errors: validate.errors ?? [] };
}

let w: EvaluationWorld | undefined;
afterEach(() => w?.t.close());

test('an awarded challenge in delivery exports a valid OCDS 1.1.5 release package', async () => {
  w = await scoredWorld({ scenario: { rules: { noticeDays: 0 }, winnersMax: 2, subsidyFen: 500_000_000 } });
  const { t, agency, scenario, bidX, bidY, x } = w;
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`);
  t.setNow('2026-12-01T10:00:01.000Z');
  const { items } = await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/awards`, {
    awards: [
      { bidId: bidX, amountFen: 3_000_000_00, subsidyFen: 300_000_00 },
      { bidId: bidY, amountFen: 2_500_000_00 },
    ],
  });
  await ok(t, agency, 'POST', `/api/v1/awards/${items[0].id}/milestones`, {
    title: '试点上线',
    dueAt: '2027-03-01T00:00:00Z',
  });
  const res = await send(t, null, 'GET', '/api/v1/ocds/releases?since=2026-12-01T00:00:00Z');
  expect(res.status).toBe(200);
  const pkg = await body(res);
  const { valid, errors } = validatePackage(pkg);
  expect(errors).toEqual([]);
  expect(valid).toBe(true);
  // The validator does reach into the release schema.
  const broken = structuredClone(pkg);
  broken.releases[0].contracts[0].status = 'signed';
  expect(validatePackage(broken).valid).toBe(false);
  const [release] = pkg.releases;
  expect(release).toMatchObject({
    ocid: `ocds-scx000-${scenario}`,
    tag: ['award', 'contract', 'implementation'],
    buyer: { id: agency.orgId },
    tender: { status: 'complete', numberOfTenderers: 2, awardCriteria: 'qualityOnly' },
  });
  expect(release.tender.awardCriteriaWeights.map((c: { weight: number }) => c.weight)).toEqual([
    25, 20, 30, 10, 15,
  ]);
  expect(release.bids.details.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([
    [bidX, 'valid'],
    [bidY, 'valid'],
  ]);
  expect(release.awards[0]).toMatchObject({
    status: 'active',
    value: { amount: 3_000_000, currency: 'CNY' },
  });
  expect(release.contracts[0]).toMatchObject({
    status: 'active',
    milestones: [{ title: '试点上线', status: 'scheduled' }],
  });
  const roles = Object.fromEntries(
    release.parties.map((p: { id: string; roles: string[] }) => [p.id, p.roles]),
  );
  expect(roles[x.orgId]).toEqual(['tenderer', 'supplier']);
  expect(roles[w.partner.orgId]).toEqual(['tenderer', 'supplier']);
});

test('sealed bids never appear; `since` filters; bad queries are named', async () => {
  w = await evaluationWorld({ open: false });
  const { t } = w;
  const pkg = await body(await send(t, null, 'GET', '/api/v1/ocds/releases'));
  expect(validatePackage(pkg).valid).toBe(true);
  expect(pkg.releases).toHaveLength(1);
  expect(pkg.releases[0].bids).toBeUndefined();
  expect(pkg.releases[0].tender.tenderers).toEqual([]);
  expect(JSON.stringify(pkg)).not.toContain(w.bidX);
  // Nothing since then: 204, since an OCDS package must hold at least one release.
  const later = await send(t, null, 'GET', '/api/v1/ocds/releases?since=2030-01-01T00:00:00Z');
  expect(later.status).toBe(204);
  const bad = await body(await send(t, null, 'GET', '/api/v1/ocds/releases?since=yesterday&limit=0'));
  expect(bad.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.since']);
});
