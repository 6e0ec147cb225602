import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { migrate } from '../migrate.ts';
import { MIGRATIONS } from '../migrations.generated.ts';
import { DEMO_LOGINS, type DemoLogin, seedDatabase } from '../seed/index.ts';
import { databaseUrl, parseArgs } from './args.ts';

const USAGE = `usage: pnpm db:seed [--scenarios N] [--firms N] [--products N] [--seed S]
                    [--if-empty] [--force] [--url URL]
  --scenarios N  scenarios/challenges open for bidding (default 230; ~35% more in other states)
  --firms N      firms (default 520), --products N  products over all firms (default 2.2 per firm)
  --seed S       PRNG seed: the same options give the same content
  --if-empty     do nothing if the database already has organizations
  --force        wipe every table first when the database is not empty`;

function intFlag(args: Map<string, string | true>, name: string): number | undefined {
  const v = args.get(name);
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v)) {
    console.error(`--${name} needs a non-negative integer\n${USAGE}`);
    process.exit(2);
  }
  return Number(v);
}

function printLogins(logins: DemoLogin[]): void {
  const rows = [
    ['角色 role', '登录邮箱 email', '密码 password', '单位 organization'],
    ...logins.map((d) => [`${d.roleZh} ${d.role}`, d.email, d.password, d.organization]),
  ];
  // East Asian characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = rows[0]?.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? '')))) ?? [];
  const line = (r: string[]) =>
    r
      .map((c, i) => c + ' '.repeat((cols[i] ?? 0) - width(c)))
      .join('  ')
      .trimEnd();
  console.log('\ndemo logins:');
  console.log(`  ${line(rows[0] ?? [])}`);
  console.log(`  ${cols.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows.slice(1)) console.log(`  ${line(r)}`);
}

const args = parseArgs(process.argv.slice(2));
if (args.has('help')) {
  console.log(USAGE);
  process.exit(0);
}
const opts = {
  scenarios: intFlag(args, 'scenarios'),
  firms: intFlag(args, 'firms'),
  products: intFlag(args, 'products'),
  seed: intFlag(args, 'seed'),
};
const url = databaseUrl(args);
if (url.startsWith('file:')) mkdirSync(dirname(url.slice(5)), { recursive: true });
const client = createClient({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
try {
  const started = performance.now();
  const applied = await migrate(client, MIGRATIONS);
  if (applied.length) console.log(`applied ${applied.join(', ')} to ${url}`);
  const existing = Number((await client.execute('SELECT count(*) AS n FROM organizations')).rows[0]?.n ?? 0);
  if (existing > 0 && args.has('if-empty')) {
    console.log(`${url} already has ${existing} organizations; not seeding (--if-empty).`);
    printLogins(DEMO_LOGINS);
  } else if (existing > 0 && !args.has('force')) {
    console.error(
      `${url} already has ${existing} organizations. Refusing to seed into a non-empty database:\n` +
        '  use --if-empty to skip silently, or --force to wipe every table and seed afresh.',
    );
    process.exitCode = 1;
  } else {
    const summary = await seedDatabase(client, { ...opts, replace: args.has('force') });
    const secs = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`${existing > 0 ? 'wiped and seeded' : 'seeded'} ${url} in ${secs} s`);
    const w = Math.max(...Object.keys(summary.counts).map((k) => k.length));
    for (const [k, n] of Object.entries(summary.counts))
      console.log(`  ${k.padEnd(w)}  ${n.toLocaleString('en-US')}`);
    printLogins(summary.demoLogins);
  }
} catch (e) {
  console.error(`seed failed, nothing was written: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  client.close();
}
