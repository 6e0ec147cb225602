/**
 * Hrana v2 over HTTP, JSON encoding: the request shapes @libsql/hrana-client sends and the response shapes
 * it decodes (see its lib-esm/http/json_*.js and lib-esm/shared/json_*.js).
 */

/** A value bound to a statement (the shapes libsql-js accepts). */
export type SqlValue = null | bigint | number | string | Buffer;

export interface NamedArg {
  name: string;
  value: SqlValue;
}

export interface Stmt {
  sql?: string;
  sqlId?: number;
  args: SqlValue[];
  namedArgs: NamedArg[];
  wantRows: boolean;
}

export type BatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and'; conds: BatchCond[] }
  | { type: 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

export interface BatchStep {
  condition?: BatchCond;
  stmt: Stmt;
}

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; steps: BatchStep[] }
  | { type: 'sequence'; sql?: string; sqlId?: number }
  | { type: 'describe'; sql?: string; sqlId?: number }
  | { type: 'store_sql'; sqlId: number; sql: string }
  | { type: 'close_sql'; sqlId: number }
  | { type: 'get_autocommit' };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}

export type JsonValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

export interface ProtoError {
  message: string;
  code: string;
}

export interface StmtResult {
  cols: { name: string | null; decltype: string | null }[];
  rows: JsonValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponse =
  | { type: 'close' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'sequence' }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'store_sql' }
  | { type: 'close_sql' }
  | { type: 'get_autocommit'; is_autocommit: boolean };

export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: ProtoError };

export interface PipelineResponse {
  baton: string | null;
  base_url: string | null;
  results: StreamResult[];
}

/** An error reported to the client in the Hrana `{message, code}` shape. */
export class HranaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HranaError';
  }
}

/** The request itself is malformed: the whole pipeline is rejected with HTTP 400. */
export class ProtocolError extends HranaError {
  constructor(message: string) {
    super('PROTOCOL_ERROR', message);
    this.name = 'ProtocolError';
  }
}

// --- decoding -------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function object(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ProtocolError(`${what}: expected object`);
  return v as Obj;
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ProtocolError(`${what}: expected array`);
  return v;
}

function optArray(v: unknown, what: string): unknown[] {
  return v === undefined || v === null ? [] : array(v, what);
}

function string(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ProtocolError(`${what}: expected string`);
  return v;
}

function optString(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : string(v, what);
}

function integer(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ProtocolError(`${what}: expected integer`);
  return v;
}

function optInteger(v: unknown, what: string): number | undefined {
  return v === undefined || v === null ? undefined : integer(v, what);
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function decodeValue(v: unknown): SqlValue {
  const o = object(v, 'value');
  switch (o.type) {
    case 'null':
      return null;
    case 'integer': {
      const s = String(o.value);
      if (!/^-?\d+$/.test(s)) throw new ProtocolError('value: invalid integer');
      const n = BigInt(s);
      if (n < I64_MIN || n > I64_MAX) throw new ProtocolError('value: integer out of 64-bit range');
      return n;
    }
    case 'float':
      if (typeof o.value !== 'number') throw new ProtocolError('value: invalid float');
      return o.value;
    case 'text':
      return string(o.value, 'value');
    case 'blob':
      return Buffer.from(string(o.base64 ?? '', 'value.base64'), 'base64');
    default:
      throw new ProtocolError(`value: unknown type ${JSON.stringify(o.type)}`);
  }
}

function sqlOrId(o: Obj, what: string): { sql?: string; sqlId?: number } {
  const sql = optString(o.sql, `${what}.sql`);
  const sqlId = optInteger(o.sql_id, `${what}.sql_id`);
  if ((sql === undefined) === (sqlId === undefined)) {
    throw new ProtocolError(`${what}: exactly one of sql and sql_id is required`);
  }
  return sql !== undefined ? { sql } : { sqlId };
}

function decodeStmt(v: unknown): Stmt {
  const o = object(v, 'stmt');
  return {
    ...sqlOrId(o, 'stmt'),
    args: optArray(o.args, 'stmt.args').map(decodeValue),
    namedArgs: optArray(o.named_args, 'stmt.named_args').map((a) => {
      const n = object(a, 'named_arg');
      return { name: string(n.name, 'named_arg.name'), value: decodeValue(n.value) };
    }),
    wantRows: o.want_rows !== false,
  };
}

function decodeCond(v: unknown, stepIndex: number): BatchCond {
  const o = object(v, 'condition');
  switch (o.type) {
    case 'ok':
    case 'error': {
      const step = integer(o.step, 'condition.step');
      if (step < 0 || step >= stepIndex)
        throw new ProtocolError('condition: may only refer to earlier steps');
      return { type: o.type, step };
    }
    case 'not':
      return { type: 'not', cond: decodeCond(o.cond, stepIndex) };
    case 'and':
    case 'or':
      return { type: o.type, conds: array(o.conds, 'condition.conds').map((c) => decodeCond(c, stepIndex)) };
    case 'is_autocommit':
      return { type: 'is_autocommit' };
    default:
      throw new ProtocolError(`condition: unknown type ${JSON.stringify(o.type)}`);
  }
}

function decodeRequest(v: unknown): StreamRequest {
  const o = object(v, 'request');
  switch (o.type) {
    case 'close':
    case 'get_autocommit':
      return { type: o.type };
    case 'execute':
      return { type: 'execute', stmt: decodeStmt(o.stmt) };
    case 'batch': {
      const batch = object(o.batch, 'batch');
      const steps = array(batch.steps, 'batch.steps').map((s, i): BatchStep => {
        const step = object(s, 'step');
        const stmt = decodeStmt(step.stmt);
        return step.condition === undefined || step.condition === null
          ? { stmt }
          : { stmt, condition: decodeCond(step.condition, i) };
      });
      return { type: 'batch', steps };
    }
    case 'sequence':
    case 'describe':
      return { type: o.type, ...sqlOrId(o, o.type) };
    case 'store_sql':
      return { type: 'store_sql', sqlId: integer(o.sql_id, 'sql_id'), sql: string(o.sql, 'sql') };
    case 'close_sql':
      return { type: 'close_sql', sqlId: integer(o.sql_id, 'sql_id') };
    default:
      throw new ProtocolError(`unknown request type ${JSON.stringify(o.type)}`);
  }
}

export function decodePipeline(body: string): PipelineRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ProtocolError('request body is not valid JSON');
  }
  const o = object(json, 'pipeline');
  return {
    baton: optString(o.baton, 'baton') ?? null,
    requests: array(o.requests, 'requests').map(decodeRequest),
  };
}

// --- encoding -------------------------------------------------------------------------------------------

export function encodeValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  }
  throw new HranaError('INTERNAL_ERROR', `cannot encode a value of type ${typeof v}`);
}
