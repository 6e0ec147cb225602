import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient } from '@libsql/client';
import { migrate } from '../migrate.ts';
import { MIGRATIONS } from '../migrations.generated.ts';
import { databaseUrl, parseArgs } from './args.ts';

const url = databaseUrl(parseArgs(process.argv.slice(2)));
if (url.startsWith('file:')) mkdirSync(dirname(url.slice(5)), { recursive: true });
const client = createClient({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
const applied = await migrate(client, MIGRATIONS);
console.log(applied.length ? `applied ${applied.join(', ')} to ${url}` : `${url} is up to date`);
client.close();
