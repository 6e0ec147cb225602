import { toJsonSchema } from '@valibot/to-json-schema';
import type { Hono } from 'hono';
import type * as v from 'valibot';

/** Metadata that `validate()` and `describe()` attach to their middleware, read back to build the spec. */
export const OPENAPI_META = Symbol.for('scx.openapi');

export interface ValidationMeta {
  kind: 'validate';
  target: string;
  schema: v.GenericSchema;
}

export interface ResponseSpec {
  description: string;
  schema?: v.GenericSchema;
  contentType?: string;
}

export interface DescribeMeta {
  kind: 'describe';
  summary: string;
  description?: string;
  tags: string[];
  operationId: string;
  security?: ('session' | 'bearer')[];
  responses: Record<number, ResponseSpec>;
}

type JsonObject = Record<string, unknown>;

/** Documents a route; the returned middleware only calls next(). */
export function describe(spec: Omit<DescribeMeta, 'kind'>) {
  const meta: DescribeMeta = { kind: 'describe', ...spec };
  const mw = async (_c: unknown, next: () => Promise<void>) => {
    await next();
  };
  return Object.assign(mw, { [OPENAPI_META]: meta });
}

const metaOf = (handler: unknown): ValidationMeta | DescribeMeta | undefined =>
  typeof handler === 'function'
    ? (handler as unknown as Record<symbol, ValidationMeta | DescribeMeta>)[OPENAPI_META]
    : undefined;

const jsonSchema = (schema: v.GenericSchema, typeMode: 'input' | 'output'): JsonObject => {
  const { $schema: _drop, ...rest } = toJsonSchema(schema, {
    target: 'draft-2020-12',
    typeMode,
    errorMode: 'ignore',
  }) as JsonObject;
  return rest;
};

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Builds the OpenAPI 3.1 document from the routes registered on `app`. */
export function buildOpenApi(
  app: Hono<never>,
  info: { title: string; version: string; description: string },
) {
  const ops = new Map<string, { method: string; path: string; metas: (ValidationMeta | DescribeMeta)[] }>();
  for (const r of app.routes) {
    const meta = metaOf(r.handler);
    if (!meta || r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const op = ops.get(key) ?? { method: r.method.toLowerCase(), path: r.path, metas: [] };
    if (!op.metas.includes(meta)) op.metas.push(meta);
    ops.set(key, op);
  }

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const { method, path, metas } of ops.values()) {
    const doc = metas.find((m): m is DescribeMeta => m.kind === 'describe');
    if (!doc) continue;
    const oaPath = path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    const parameters: JsonObject[] = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    let requestBody: JsonObject | undefined;
    const validations = metas.filter((m): m is ValidationMeta => m.kind === 'validate');
    for (const val of validations) {
      const s = jsonSchema(val.schema, 'input');
      if (val.target === 'json') {
        requestBody = { required: true, content: { 'application/json': { schema: s } } };
      } else if (val.target === 'form') {
        requestBody = { required: true, content: { 'multipart/form-data': { schema: s } } };
      } else if (val.target === 'query' || val.target === 'header') {
        const props = (s.properties ?? {}) as Record<string, JsonObject>;
        const required = new Set((s.required ?? []) as string[]);
        for (const [name, schema] of Object.entries(props)) {
          const { description, ...rest } = schema;
          parameters.push({
            name,
            in: val.target,
            required: required.has(name),
            schema: rest,
            ...(description ? { description } : {}),
          });
        }
      }
    }
    const responses: Record<string, JsonObject> = {};
    for (const [status, r] of Object.entries(doc.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') } } }
          : {}),
      };
    }
    if (validations.length) responses['422'] = problemResponse('Invalid fields, each named in `errors`');
    responses.default = problemResponse('Error (application/problem+json)');
    paths[oaPath] ??= {};
    paths[oaPath][method] = {
      operationId: doc.operationId,
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      tags: doc.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
      ...(doc.security ? { security: doc.security.map((s) => ({ [s]: [] })) } : {}),
    };
  }

  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'scx_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
