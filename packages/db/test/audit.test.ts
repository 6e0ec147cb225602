import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, expect, test } from 'vitest';
import { createDb } from '../src/client.ts';
import { migrate } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';
import { appendAudit } from '../src/queries/audit.ts';
import { verifyAuditLog } from '../src/queries/audit-read.ts';

const dir = mkdtempSync(join(tmpdir(), 'scx-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('verification pages through the chain and checks the links between pages', async () => {
  const client = createClient({ url: `file:${join(dir, 'a.db')}` });
  await migrate(client, MIGRATIONS);
  const db = createDb(client);
  for (let i = 0; i < 7; i++) {
    await db.transaction((tx) =>
      appendAudit(tx, {
        at: `2026-11-21T08:00:0${i}.000Z`,
        actorUserId: 'u',
        actorOrgId: 'o',
        action: 'test.step',
        entityType: 'test',
        entityId: `e${i}`,
      }),
    );
  }
  expect(await verifyAuditLog(db, 2)).toEqual({ ok: true, checked: 7 });
  // Break the link at a page boundary (entry 5 is the first of the third page of two).
  const rows = await client.execute('SELECT id FROM audit_log ORDER BY seq');
  const fifth = String(rows.rows[4]?.id);
  await client.execute({ sql: "UPDATE audit_log SET prev_hash = 'x' WHERE id = ?", args: [fifth] });
  expect(await verifyAuditLog(db, 2)).toMatchObject({ ok: false, brokenAt: fifth, checked: 4 });
  client.close();
});
