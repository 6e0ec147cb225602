import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'scx-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scx = (...args: string[]) => {
  const r = spawnSync('pnpm', ['scx', 'schedule', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** `pnpm scx` (not `pnpm -s scx`) prints its "> scenario-exchange@ scx" banner first: the JSON starts at "{". */
const json = (stdout: string) => JSON.parse(stdout.slice(stdout.search(/^\{$/m)));
const file = (name: string, body: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};

test('schedules a file and prints meetings and unplaced requests (exit 0)', () => {
  const p = file('event.json', {
    slots: 2,
    tables: 1,
    participants: [
      { id: 'hospital', available: [0, 1] },
      { id: 'firmA', available: [0] },
      { id: 'firmB', available: [0, 1] },
      { id: 'firmC', available: [1] },
    ],
    requests: [
      { a: 'firmA', b: 'hospital', priority: 2 },
      { a: 'firmB', b: 'hospital', priority: 1 },
      { a: 'firmC', b: 'firmA', priority: 1 },
    ],
  });
  const r = scx(p);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('\n  "meetings": [');
  const out = json(r.stdout);
  expect(out.meetings).toEqual([
    { a: 'firmA', b: 'hospital', slot: 0, table: 0 },
    { a: 'firmB', b: 'hospital', slot: 1, table: 0 },
  ]);
  expect(out.unplaced).toEqual([
    { a: 'firmC', b: 'firmA', reason: 'no_common_slot', message: expect.any(String) },
  ]);
});

test('bad input: every problem with its JSON path on stderr, exit 2', () => {
  const p = file('bad.json', {
    slots: 0,
    tables: 'two',
    participants: [{ id: 'a', available: [0, -1] }],
    requests: [{ a: 'a', b: 'b', priority: 3 }],
  });
  const r = scx(p);
  expect(r.code).toBe(2);
  expect(r.stdout).not.toContain('"meetings"'); // (pnpm itself reports the exit code on stdout)
  for (const path of ['$.slots', '$.tables', '$.participants.0.available.1', '$.requests.0.priority']) {
    expect(r.stderr).toContain(`${path}:`);
  }
});

test('not JSON, missing file, missing argument: exit 2', () => {
  expect(scx(file('broken.json', '{"slots": ')).code).toBe(2);
  const missing = scx(join(dir, 'nope.json'));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('ENOENT');
  expect(scx().code).toBe(2);
});

test('a relative path resolves against the directory pnpm was started from, not workers/api', () => {
  const p = file('rel.json', {
    slots: 1,
    tables: 1,
    participants: [{ id: 'a' }, { id: 'b' }],
    requests: [{ a: 'a', b: 'b', priority: 1 }],
  });
  const r = scx(relative(root, p));
  expect(r.code).toBe(0);
  expect(json(r.stdout).meetings).toEqual([{ a: 'a', b: 'b', slot: 0, table: 0 }]);
});

test('pnpm -s scx schedule prints nothing but the JSON', () => {
  const p = file('silent.json', {
    slots: 1,
    tables: 0,
    participants: [{ id: 'a' }, { id: 'b' }],
    requests: [],
  });
  const r = spawnSync('pnpm', ['-s', 'scx', 'schedule', p], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ meetings: [], unplaced: [] });
});

test('"objective": "total-priority" lets a must-meet give way to two meets; an unknown objective is exit 2', () => {
  const event = {
    slots: 1,
    tables: 2,
    participants: [{ id: 'firm1' }, { id: 'firm2' }, { id: 'bureau1' }, { id: 'bureau2' }],
    requests: [
      { a: 'firm1', b: 'bureau1', priority: 2 },
      { a: 'firm1', b: 'bureau2', priority: 1 },
      { a: 'firm2', b: 'bureau1', priority: 1 },
    ],
  };
  expect(json(scx(file('must.json', event)).stdout).meetings).toEqual([
    { a: 'firm1', b: 'bureau1', slot: 0, table: 0 },
  ]);
  const total = scx(file('total.json', { ...event, objective: 'total-priority' }));
  expect(total.code).toBe(0);
  expect(json(total.stdout).meetings).toHaveLength(2);
  expect(json(total.stdout).unplaced).toEqual([
    { a: 'firm1', b: 'bureau1', reason: 'participant_busy', message: expect.any(String) },
  ]);
  const bad = scx(file('objective.json', { ...event, objective: 'meetings' }));
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("$.objective: must be 'must-first' or 'total-priority'");
});
