// pnpm bench:web — the public hall's initial JavaScript and CSS, gzip -9, against the 250 KB budget of
// issue 7: everything index.html loads before the first render (module scripts, modulepreloads, CSS).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const out = mkdtempSync(join(tmpdir(), 'scx-web-size-'));
execFileSync('pnpm', ['exec', 'vite', 'build', '--outDir', out, '--logLevel', 'error'], {
  cwd: resolve(import.meta.dirname, '../web'),
  stdio: 'inherit',
});
const html = readFileSync(join(out, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1] as string,
);
let js = 0;
let css = 0;
const rows = assets.map((a) => {
  const bytes = readFileSync(join(out, a));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (a.endsWith('.js')) js += gz;
  else css += gz;
  return `| ${a} | ${bytes.length} | ${gz} |`;
});
rmSync(out, { recursive: true, force: true });
console.log(`\n### pnpm bench:web — ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| asset loaded by index.html | bytes | gzip -9 bytes |');
console.log('|---|---:|---:|');
for (const r of rows) console.log(r);
console.log(
  `\nInitial JavaScript: ${(js / 1024).toFixed(1)} KB gzip (budget 250 KB: ${((js / BUDGET) * 100).toFixed(1)} % of it); CSS ${(css / 1024).toFixed(1)} KB.`,
);
