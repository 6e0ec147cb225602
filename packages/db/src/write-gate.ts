import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/** A FIFO async mutex. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => {
      release = r;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

const READ_ONLY = /^\s*(select|with|explain)\b/i;
const sqlOf = (s: InStatement): string => (typeof s === 'string' ? s : s.sql);

/**
 * One writer at a time for an embedded (file:) client in this process. The embedded driver is
 * synchronous: a second connection waiting on SQLite's busy timeout blocks the event loop, so the
 * first writer can never finish and both fail with SQLITE_BUSY. Queuing writers here instead keeps
 * the loop free; reads (WAL) never wait.
 */
export function gateWrites(client: Client): Client {
  const gate = new Mutex();
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await gate.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  const wrapTx = (tx: Transaction, release: () => void): Transaction => {
    let released = false;
    const done = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    return new Proxy(tx, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t);
        if (typeof value !== 'function') return value;
        if (prop === 'commit' || prop === 'rollback') {
          return async () => {
            try {
              return await (value as () => Promise<void>).call(t);
            } finally {
              done();
            }
          };
        }
        if (prop === 'close') {
          return () => {
            (value as () => void).call(t);
            done();
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(t);
      },
    });
  };
  return new Proxy(client, {
    get(c, prop) {
      const value = Reflect.get(c, prop, c);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => Promise<unknown>;
      switch (prop) {
        case 'execute':
          return (stmt: InStatement | string, args?: unknown) =>
            READ_ONLY.test(sqlOf(stmt as InStatement))
              ? fn.call(c, stmt, args)
              : guarded(() => fn.call(c, stmt, args));
        case 'batch':
          return (stmts: InStatement[], mode?: TransactionMode) =>
            mode === 'read' ? fn.call(c, stmts, mode) : guarded(() => fn.call(c, stmts, mode));
        case 'migrate':
        case 'executeMultiple':
          return (...args: unknown[]) => guarded(() => fn.apply(c, args));
        case 'transaction':
          return async (mode?: TransactionMode) => {
            if (mode === 'read') return fn.call(c, mode);
            const release = await gate.acquire();
            try {
              return wrapTx((await fn.call(c, mode)) as Transaction, release);
            } catch (e) {
              release();
              throw e;
            }
          };
        default:
          return fn.bind(c);
      }
    },
  });
}
