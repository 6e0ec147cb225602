import { type ImportKind, previewImportFile } from '@scx/core';
import { commitFirmImport, commitScenarioImport, type ImportCommitResult } from '@scx/db';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { stream } from 'hono/streaming';
import * as v from 'valibot';
import type { AppEnv } from '../env.ts';
import { ApiError, toProblem } from '../errors.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const KindParam = v.object({ kind: v.picklist(['scenarios', 'firms'], 'must be scenarios or firms') });
const fileField = v.custom<File>(
  (x) => typeof x === 'object' && x !== null && 'arrayBuffer' in x && 'name' in x,
  'must be a file (multipart field "file", .xlsx or .csv)',
);
const PreviewForm = v.object({ file: fileField });
const CommitForm = v.object({
  file: fileField,
  /** The preview's file.sha256: proves the committed file is the previewed one. */
  sha256: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 from the preview')),
  ),
  callId: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-Za-z]{1,40}$/, 'must be a call id'))),
});

type Progress = (done: number, total: number) => Promise<void>;

/**
 * Runs an import step, answering as JSON, or — when the client sends Accept: application/x-ndjson —
 * as a stream of {"type":"progress",…} lines and one final {"type":"result",status,body} line, so a
 * large file shows progress. Errors are problem+json either way.
 */
async function respond(
  c: Context<AppEnv>,
  work: (progress: Progress) => Promise<{ status: 200 | 201; body: unknown }>,
) {
  if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
    const out = await work(async () => {});
    return c.json(out.body as object, out.status);
  }
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
  return stream(c, async (s) => {
    const line = (x: unknown) => s.write(`${JSON.stringify(x)}\n`);
    try {
      const out = await work(async (done, total) => {
        await line({ type: 'progress', done, total });
      });
      await line({ type: 'result', status: out.status, body: out.body });
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError('INTERNAL', 'The import failed; nothing was written.');
      await line({ type: 'result', status: err.status, body: toProblem(err, c.get('requestId')) });
    }
  });
}

function accessFor(c: Context<AppEnv>, kind: string) {
  const p = principal(c);
  const organizer = isOrganizer(p);
  if (kind === 'firms' && !organizer) throw new ApiError('FORBIDDEN', 'Only organizers import firm lists.');
  if (kind === 'scenarios' && !organizer && p.acting?.orgKind !== 'agency') {
    throw new ApiError('FORBIDDEN', 'Scenario lists are imported by agencies or organizers.');
  }
  return { p, organizer };
}

/** Who may import which list, checked before the upload is even read. */
const importAccess = createMiddleware<AppEnv>(async (c, next) => {
  accessFor(c, c.req.param('kind') ?? '');
  await next();
});

async function readUpload(file: File): Promise<Uint8Array> {
  if (file.size > IMPORT_MAX_BYTES) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`, [
      { path: 'body.file', message: 'is larger than 10 MB' },
    ]);
  }
  return new Uint8Array(await file.arrayBuffer());
}

async function preview(
  c: Context<AppEnv>,
  kind: ImportKind,
  file: File,
  organizer: boolean,
  progress?: Progress,
) {
  const p = principal(c);
  const r = await previewImportFile(await readUpload(file), file.name, kind, {
    importer: { name: p.acting?.orgName ?? '', organizer },
    now: c.get('deps').clock(),
    onProgress: progress,
  });
  if (!r.ok)
    throw new ApiError(r.error.code, `${r.error.messageEn} (${r.error.message})`, [
      { path: 'body.file', message: r.error.messageEn },
    ]);
  return r.value;
}

const rowErrors = (errors: { line: number; column: string; message: string; messageEn: string }[]) =>
  errors.map((e) => ({ path: `file.row${e.line}.${e.column}`, message: `${e.message} / ${e.messageEn}` }));

/** Excel / CSV import: preview (per-row, per-column errors, nothing written), then commit (all or nothing). */
export const importsRouter = createRouter()
  .post(
    '/:kind{scenarios|firms}/preview',
    describe({
      operationId: 'previewImport',
      summary:
        'Read an uploaded .xlsx/.csv list and show every row with its errors, per column; writes nothing',
      description:
        'multipart/form-data with `file`. Chinese headers (场景名称, 发布单位, 所属领域, 所在区, 预算(万元), 截止日期 …) are mapped. ' +
        'Send Accept: application/x-ndjson to receive progress lines for large files.',
      tags: ['imports'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The preview' } },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'], roles: ['admin', 'member'] }),
    importAccess,
    validate('param', KindParam),
    validate('form', PreviewForm),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { organizer } = accessFor(c, kind);
      const { file } = c.req.valid('form');
      return respond(c, async (progress) => ({
        status: 200,
        body: await preview(c, kind, file, organizer, progress),
      }));
    },
  )
  .post(
    '/:kind{scenarios|firms}/commit',
    describe({
      operationId: 'commitImport',
      summary: 'Import the previewed file: every row or none (scenarios become drafts of your agency)',
      description:
        'multipart/form-data with `file` (the same file; pass the preview’s `sha256` to be sure) and, for scenarios, an optional `callId`. ' +
        'Any invalid row → 422 naming each row and column; nothing is written.',
      tags: ['imports'],
      security: ['session', 'bearer'],
      responses: {
        201: { description: 'Imported', schema: v.object({ created: v.number(), ids: v.array(v.string()) }) },
      },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'], roles: ['admin', 'member'] }),
    importAccess,
    validate('param', KindParam),
    validate('form', CommitForm),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { p, organizer } = accessFor(c, kind);
      const form = c.req.valid('form');
      return respond(c, async (progress) => {
        const pv = await preview(c, kind, form.file, organizer);
        if (form.sha256 && form.sha256 !== pv.file.sha256) {
          throw new ApiError(
            'CONFLICT',
            'This is not the file you previewed (SHA-256 differs); preview it again.',
            [{ path: 'body.sha256', message: 'does not match the uploaded file' }],
          );
        }
        const problems = [
          ...pv.missing.map((m) => ({
            path: `file.columns.${m.label}`,
            message: `missing column / ${m.labelEn}`,
          })),
          ...pv.rows.flatMap((r) => rowErrors(r.errors.map((e) => ({ ...e, line: r.line })))),
          ...pv.duplicates.map((d) => ({
            path: `file.rows.${d.lines.join(',')}`,
            message: `${d.message} / ${d.messageEn}`,
          })),
        ];
        if (problems.length) {
          throw new ApiError(
            'VALIDATION_FAILED',
            `${problems.length} problem(s) in the file; nothing was imported.`,
            problems,
          );
        }
        const records = pv.rows.flatMap((r) => (r.record ? [r.record] : []));
        const now = c.get('deps').clock();
        const common = {
          actorUserId: p.userId,
          actorOrgId: p.acting?.orgId ?? null,
          columns: pv.columns,
          file: pv.file,
          now,
          onProgress: progress,
        };
        const r: ImportCommitResult =
          kind === 'scenarios'
            ? await commitScenarioImport(c.get('db'), {
                ...common,
                issuerId: p.acting?.orgId as string,
                callId: form.callId ?? null,
                records: records as Parameters<typeof commitScenarioImport>[1]['records'],
                allowOtherIssuers: organizer,
              })
            : await commitFirmImport(c.get('db'), {
                ...common,
                records: records as Parameters<typeof commitFirmImport>[1]['records'],
              });
        if (!r.ok) {
          throw new ApiError(
            'VALIDATION_FAILED',
            `${r.errors.length} problem(s); nothing was imported.`,
            rowErrors(r.errors),
          );
        }
        return { status: 201, body: { created: r.created, ids: r.ids } };
      });
    },
  );
