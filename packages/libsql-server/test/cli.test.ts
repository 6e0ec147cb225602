import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client/web';
import { expect, onTestFinished, test } from 'vitest';

const TSX = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

test('cli: serves the file named by env, prints its URL, exits cleanly on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'libsql-server-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'nested', 'cli.db');
  const child = spawn(TSX, [CLI, '--port', '0'], {
    env: { ...process.env, LIBSQL_SERVER_FILE: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /libsql http server on (http:\/\/127\.0\.0\.1:\d+) \(file (.+)\)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => reject(new Error(chunk.toString())));
    child.on('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
  });
  const db = createClient({ url });
  await db.execute('CREATE TABLE t (v)');
  await db.execute("INSERT INTO t VALUES ('persisted')");
  db.close();
  child.kill('SIGTERM');
  expect(await exited).toBe(0);

  const { default: Database } = await import('libsql');
  const direct = new Database(file);
  expect(direct.prepare('SELECT v FROM t').raw(true).all()).toEqual([['persisted']]);
  direct.close();
});
