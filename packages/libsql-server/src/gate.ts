import { HranaError } from './protocol.ts';

interface Waiter {
  owner: object;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Process-wide single-writer lock. SQLite allows one writer per file; every stream has its own
 * connection, and all of them run on this one thread, so a SQLite busy wait could never see the lock
 * holder progress. Writers therefore queue here (FIFO, asynchronously) before touching the file.
 */
export class WriteGate {
  private holder: object | null = null;
  private readonly waiters: Waiter[] = [];

  heldBy(owner: object): boolean {
    return this.holder === owner;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(owner: object, timeoutMs: number): Promise<void> {
    if (this.holder === owner) return Promise.resolve();
    if (this.holder === null) {
      this.holder = owner;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.remove(waiter);
          reject(
            new HranaError(
              'SQLITE_BUSY',
              `database is locked: waited ${timeoutMs} ms for another stream's write transaction to finish`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Releases the gate if `owner` holds it and hands it to the next waiter. */
  release(owner: object): void {
    if (this.holder !== owner) return;
    const next = this.waiters.shift();
    this.holder = next?.owner ?? null;
    if (next !== undefined) {
      clearTimeout(next.timer);
      next.resolve();
    }
  }

  /** Fails every waiter (server shutdown). */
  abort(err: Error): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(err);
    }
    this.holder = null;
  }

  private remove(waiter: Waiter): void {
    const i = this.waiters.indexOf(waiter);
    if (i !== -1) this.waiters.splice(i, 1);
  }
}
