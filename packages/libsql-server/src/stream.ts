import Database from 'libsql';
import type { WriteGate } from './gate.ts';
import {
  type BatchCond,
  type BatchResult,
  type BatchStep,
  type DescribeResult,
  encodeValue,
  HranaError,
  type ProtoError,
  type SqlValue,
  type Stmt,
  type StmtResult,
  type StreamRequest,
  type StreamResponse,
  type StreamResult,
} from './protocol.ts';
import { analyzeSql, needsWriteLock, type SqlInfo, type StmtKind } from './sql.ts';

type SqliteError = InstanceType<typeof Database.SqliteError>;

// Only matters for other processes writing the same file: in-process writers queue on the gate instead.
// Kept short because a SQLite busy wait blocks the whole event loop.
const SQLITE_BUSY_TIMEOUT_MS = 1000;

export function openConnection(file: string): Database.Database {
  const conn = new Database(file);
  conn.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL`);
  return conn;
}

/**
 * Idle connections kept for reuse: most streams live for a single request (execute + close), and opening a
 * connection costs more than running a typical statement. A connection is only reused if its stream never
 * ran SQL that leaves per-connection state behind.
 */
export class ConnectionPool {
  private readonly idle: Database.Database[] = [];
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly maxIdle = 16,
  ) {}

  take(): Database.Database {
    return this.idle.pop() ?? openConnection(this.file);
  }

  give(conn: Database.Database, reusable: boolean): void {
    if (reusable && !this.closed && !conn.inTransaction && this.idle.length < this.maxIdle) {
      this.idle.push(conn);
    } else {
      conn.close();
    }
  }

  close(): void {
    this.closed = true;
    for (const conn of this.idle.splice(0)) conn.close();
  }
}

export function toProtoError(err: unknown): ProtoError {
  if (err instanceof HranaError) return { message: err.message, code: err.code };
  if (err instanceof Database.SqliteError) return { message: err.message, code: err.code };
  return { message: err instanceof Error ? err.message : String(err), code: 'UNKNOWN' };
}

function bindArgs(slots: (string | null)[], stmt: Stmt): SqlValue[] {
  const values: SqlValue[] = [...stmt.args];
  while (values.length < slots.length) values.push(null);
  if (stmt.namedArgs.length === 0) return values;
  const byName = new Map(stmt.namedArgs.map((a) => [a.name, a.value]));
  slots.forEach((name, i) => {
    if (name === null || name.startsWith('?')) return;
    // Clients may send the name with or without its `:`/`@`/`$` prefix.
    const value = byName.get(name) ?? byName.get(name.slice(1));
    if (value !== undefined) values[i] = value;
  });
  return values;
}

function singleStatement(info: SqlInfo): StmtKind {
  const kind = info.kinds[0];
  if (kind === undefined) {
    throw new HranaError('SQL_NO_STATEMENT', 'SQL string does not contain any statement');
  }
  if (info.count > 1) {
    throw new HranaError('SQL_MANY_STATEMENTS', 'SQL string contains more than one statement');
  }
  return kind;
}

/**
 * One Hrana stream: its own connection to the database file, its stored SQL texts and its transaction
 * state. Pipelines on a stream never overlap (the server takes the baton away while one runs).
 */
export class Stream {
  private conn: Database.Database | null;
  private readonly sqls = new Map<number, string>();
  private reusable = true;
  private meta: Database.Statement | null = null;
  /** The open transaction began with BEGIN TRANSACTION READONLY (libSQL itself does not enforce it). */
  private readOnlyTxn = false;
  /** Set when we had to roll back the client's transaction; cleared by its ROLLBACK (or COMMIT). */
  private abortedTxn: HranaError | null = null;
  /** A write-gate timeout in the current pipeline; later writes in it fail fast instead of waiting again. */
  private gateError: HranaError | null = null;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: ConnectionPool,
    private readonly gate: WriteGate,
    private readonly writeTimeoutMs: number,
  ) {
    this.conn = pool.take();
  }

  get closed(): boolean {
    return this.conn === null;
  }

  get holdsWriteLock(): boolean {
    return this.gate.heldBy(this);
  }

  async runPipeline(requests: StreamRequest[]): Promise<StreamResult[]> {
    this.gateError = null;
    // Taking the lock before the first statement (rather than at the first write) means a pipeline never
    // waits halfway, so e.g. a deferred batch that reads and then writes cannot lose its read snapshot to
    // another writer in between (SQLITE_BUSY_SNAPSHOT).
    if (this.pipelineWrites(requests)) {
      try {
        await this.lockForWrite();
      } catch (err) {
        this.gateError = err instanceof HranaError ? err : new HranaError('SQLITE_BUSY', String(err));
      }
    }
    const results: StreamResult[] = [];
    for (const request of requests) {
      try {
        results.push({ type: 'ok', response: await this.handle(request) });
      } catch (err) {
        results.push({ type: 'error', error: toProtoError(err) });
      }
    }
    this.settle();
    return results;
  }

  /** Rolls back whatever is open, closes the connection and lets the next writer in. */
  close(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const conn = this.conn;
    if (conn === null) return;
    this.conn = null;
    this.meta = null;
    try {
      if (conn.inTransaction) conn.exec('ROLLBACK');
    } catch {
      // Not reused then; closing the connection discards the transaction.
      this.reusable = false;
    }
    try {
      this.pool.give(conn, this.reusable);
    } finally {
      this.gate.release(this);
    }
  }

  private connection(): Database.Database {
    if (this.conn === null) throw new HranaError('STREAM_CLOSED', 'the stream is closed');
    return this.conn;
  }

  /** Back in autocommit: the transaction (if any) is over, so the write lock goes to the next writer. */
  private settle(): void {
    if (this.conn?.inTransaction) return;
    this.readOnlyTxn = false;
    this.gate.release(this);
  }

  private pipelineWrites(requests: StreamRequest[]): boolean {
    if (this.readOnlyTxn && this.conn?.inTransaction === true) return false;
    const sqls = new Map(this.sqls);
    const writes = (sql: string | undefined, sqlId: number | undefined): boolean => {
      const text = sql ?? (sqlId === undefined ? undefined : sqls.get(sqlId));
      return text !== undefined && analyzeSql(text).kinds.some(needsWriteLock);
    };
    return requests.some((r) => {
      switch (r.type) {
        case 'store_sql':
          sqls.set(r.sqlId, r.sql);
          return false;
        case 'close_sql':
          sqls.delete(r.sqlId);
          return false;
        case 'execute':
          return writes(r.stmt.sql, r.stmt.sqlId);
        case 'batch':
          return r.steps.some((s) => writes(s.stmt.sql, s.stmt.sqlId));
        case 'sequence':
          return writes(r.sql, r.sqlId);
        default:
          return false;
      }
    });
  }

  private async lockForWrite(): Promise<void> {
    if (this.gate.heldBy(this)) return;
    if (this.gateError !== null) throw this.gateError;
    try {
      await this.gate.acquire(this, this.writeTimeoutMs);
    } catch (err) {
      if (err instanceof HranaError) this.gateError = err;
      throw err;
    }
    if (this.conn === null) {
      this.gate.release(this);
      throw new HranaError('STREAM_CLOSED', 'the stream is closed');
    }
  }

  private async prepareFor(kinds: StmtKind[]): Promise<void> {
    if (!kinds.some(needsWriteLock)) return;
    if (this.readOnlyTxn && this.connection().inTransaction) {
      throw new HranaError('SQLITE_READONLY', 'attempt to write in a read-only transaction');
    }
    await this.lockForWrite();
  }

  private afterStatement(kinds: StmtKind[], wasAutocommit: boolean): void {
    const conn = this.conn;
    if (conn === null || !conn.inTransaction) {
      this.readOnlyTxn = false;
    } else if (wasAutocommit) {
      this.readOnlyTxn = kinds.findLast((k) => k.startsWith('begin')) === 'begin-readonly';
    }
  }

  private resolveSql(sql: string | undefined, sqlId: number | undefined): string {
    if (sql !== undefined) return sql;
    const stored = sqlId === undefined ? undefined : this.sqls.get(sqlId);
    if (stored === undefined) throw new HranaError('SQL_NOT_FOUND', `SQL text ${sqlId} is not stored`);
    return stored;
  }

  private async handle(request: StreamRequest): Promise<StreamResponse> {
    this.connection(); // every request after `close` fails with STREAM_CLOSED
    switch (request.type) {
      case 'close':
        this.close();
        return { type: 'close' };
      case 'execute':
        return { type: 'execute', result: await this.execute(request.stmt) };
      case 'batch':
        return { type: 'batch', result: await this.batch(request.steps) };
      case 'sequence':
        await this.sequence(this.resolveSql(request.sql, request.sqlId));
        return { type: 'sequence' };
      case 'describe':
        return { type: 'describe', result: this.describe(this.resolveSql(request.sql, request.sqlId)) };
      case 'store_sql':
        if (this.sqls.has(request.sqlId)) {
          throw new HranaError('SQL_STORE_CONFLICT', `SQL text ${request.sqlId} is already stored`);
        }
        this.sqls.set(request.sqlId, request.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        this.sqls.delete(request.sqlId);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: !this.connection().inTransaction };
    }
  }

  /**
   * libsql-js does not reset a statement that failed with SQLITE_BUSY*, which pins its connection to the
   * old read snapshot (even across ROLLBACK) until the statement is garbage collected. Such a connection
   * is thrown away; a transaction that was open on it is rolled back and reported as aborted.
   */
  private discardConnection(err: SqliteError): void {
    const conn = this.connection();
    const inTransaction = conn.inTransaction;
    try {
      if (inTransaction) conn.exec('ROLLBACK');
      conn.close();
    } catch {
      // Dropped either way; SQLite finishes closing it when the stuck statement is collected.
    }
    this.meta = null;
    this.conn = this.pool.take();
    if (inTransaction) {
      this.abortedTxn = new HranaError(
        err.code,
        `the transaction was rolled back after ${err.code} (${err.message}); send ROLLBACK`,
      );
    }
  }

  /** After an aborted transaction only its ROLLBACK (a no-op now) or COMMIT (an error) are accepted. */
  private checkAborted(kinds: StmtKind[]): boolean {
    const aborted = this.abortedTxn;
    if (aborted === null) return false;
    if (kinds.length === 1 && kinds[0] === 'rollback') {
      this.abortedTxn = null;
      return true;
    }
    if (kinds.length === 1 && kinds[0] === 'end') this.abortedTxn = null;
    throw aborted;
  }

  private async execute(stmt: Stmt): Promise<StmtResult> {
    const sql = this.resolveSql(stmt.sql, stmt.sqlId);
    const info = analyzeSql(sql);
    const kind = singleStatement(info);
    if (this.checkAborted([kind])) {
      return { cols: [], rows: [], affected_row_count: 0, last_insert_rowid: null };
    }
    await this.prepareFor([kind]);
    if (info.touchesSession) this.reusable = false;
    const conn = this.connection();
    const wasAutocommit = !conn.inTransaction;
    try {
      const prepared = conn.prepare(sql);
      prepared.safeIntegers(true);
      const args = bindArgs(info.params, stmt);
      let cols: StmtResult['cols'] = [];
      let rows: StmtResult['rows'] = [];
      if (prepared.reader) {
        prepared.raw(true);
        const raw = prepared.all(args);
        cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
        if (stmt.wantRows) rows = raw.map((row) => (Array.isArray(row) ? row.map(encodeValue) : []));
      } else {
        prepared.run(args);
      }
      if (kind !== 'write') return { cols, rows, affected_row_count: 0, last_insert_rowid: null };
      // run() reports lastInsertRowid as a lossy JS number and reader statements report nothing.
      this.meta ??= conn.prepare('SELECT changes(), last_insert_rowid()').safeIntegers(true).raw(true);
      const [changes, rowid] = (this.meta.get() as unknown[] | undefined) ?? [];
      return {
        cols,
        rows,
        affected_row_count: Number(changes ?? 0),
        last_insert_rowid: rowid === undefined || rowid === null ? null : String(rowid),
      };
    } catch (err) {
      if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY'))
        this.discardConnection(err);
      throw err;
    } finally {
      this.afterStatement([kind], wasAutocommit);
    }
  }

  private async batch(steps: BatchStep[]): Promise<BatchResult> {
    const result: BatchResult = { step_results: [], step_errors: [] };
    const outcome: ('ok' | 'error' | 'skipped')[] = [];
    const holds = (cond: BatchCond): boolean => {
      switch (cond.type) {
        case 'ok':
          return outcome[cond.step] === 'ok';
        case 'error':
          return outcome[cond.step] === 'error';
        case 'not':
          return !holds(cond.cond);
        case 'and':
          return cond.conds.every(holds);
        case 'or':
          return cond.conds.some(holds);
        case 'is_autocommit':
          return !this.connection().inTransaction;
      }
    };
    for (const step of steps) {
      if (step.condition !== undefined && !holds(step.condition)) {
        outcome.push('skipped');
        result.step_results.push(null);
        result.step_errors.push(null);
        continue;
      }
      try {
        result.step_results.push(await this.execute(step.stmt));
        result.step_errors.push(null);
        outcome.push('ok');
      } catch (err) {
        result.step_results.push(null);
        result.step_errors.push(toProtoError(err));
        outcome.push('error');
      }
    }
    return result;
  }

  private async sequence(sql: string): Promise<void> {
    const info = analyzeSql(sql);
    if (info.count === 0 || this.checkAborted(info.kinds)) return;
    await this.prepareFor(info.kinds);
    if (info.touchesSession) this.reusable = false;
    const conn = this.connection();
    const wasAutocommit = !conn.inTransaction;
    try {
      conn.exec(sql);
    } finally {
      this.afterStatement(info.kinds, wasAutocommit);
    }
  }

  private describe(sql: string): DescribeResult {
    const info = analyzeSql(sql);
    const kind = singleStatement(info);
    const prepared = this.connection().prepare(sql);
    return {
      params: info.params.map((name) => ({ name })),
      cols: prepared.reader ? prepared.columns().map((c) => ({ name: c.name, decltype: c.type })) : [],
      is_explain: info.isExplain,
      is_readonly: !needsWriteLock(kind),
    };
  }
}
