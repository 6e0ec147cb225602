import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  AUDIT_GENESIS,
  type AuditEntry,
  auditHash,
  type ChainedAuditEntry,
  verifyAuditChain,
} from '../src/audit.ts';
import { canonicalJson, sha256Hex } from '../src/digest.ts';
import { hashPassword, PBKDF2_MAX_ITERATIONS, verifyPassword } from '../src/password.ts';

test('passwords: verify the right one, refuse the wrong one, never store the plain text', async () => {
  const stored = await hashPassword('correct-horse-battery', 1000);
  expect(stored).toMatch(/^pbkdf2-sha256\$1000\$/);
  expect(stored).not.toContain('correct-horse-battery');
  expect(await verifyPassword('correct-horse-battery', stored)).toBe(true);
  expect(await verifyPassword('correct-horse-batterx', stored)).toBe(false);
  expect(await verifyPassword('x', 'garbage')).toBe(false);
  expect(await hashPassword('x', 1000)).not.toBe(await hashPassword('x', 1000));
});

test('the default iteration count is workerd’s ceiling, and more is refused', async () => {
  expect((await hashPassword('pw')).split('$')[1]).toBe(String(PBKDF2_MAX_ITERATIONS));
  await expect(hashPassword('pw', PBKDF2_MAX_ITERATIONS + 1)).rejects.toThrow(RangeError);
});

test('canonical JSON ignores key order and undefined', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
    }),
  );
  expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }] })).toBe('{"a":[1,{"c":"x"}],"b":1}');
});

test('sha256 matches the known vector', async () => {
  expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

async function chain(n: number): Promise<ChainedAuditEntry[]> {
  const out: ChainedAuditEntry[] = [];
  let prev = AUDIT_GENESIS;
  for (let i = 0; i < n; i++) {
    const e: AuditEntry = {
      id: `e${i}`,
      at: `2026-11-21T08:00:0${i}.000Z`,
      actorUserId: 'u1',
      actorOrgId: 'o1',
      action: 'scenario.submit',
      entityType: 'scenario',
      entityId: `s${i}`,
      beforeDigest: null,
      afterDigest: null,
      data: { i },
    };
    const hash = await auditHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

test('an intact audit chain verifies; a tampered entry or a removed one is named', async () => {
  const entries = await chain(5);
  expect(await verifyAuditChain(entries)).toEqual({ ok: true, checked: 5 });
  const tampered = entries.map((e) => (e.id === 'e2' ? { ...e, action: 'scenario.publish' } : e));
  expect(await verifyAuditChain(tampered)).toMatchObject({ ok: false, brokenAt: 'e2', checked: 2 });
  const removed = entries.filter((e) => e.id !== 'e1');
  expect(await verifyAuditChain(removed)).toMatchObject({ ok: false, brokenAt: 'e2' });
});
