import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
} from 'kysely';

/**
 * Group commit for SQLite's one connection. With `synchronous = FULL` a commit waits for the disk
 * (about 4 ms here), and better-sqlite3 waits on the event loop, so every write request — and every
 * read of personal data, which writes its audit entry — queued behind the last one's flush. Here
 * each transaction runs as a savepoint of one open transaction, one after another as before; its
 * caller is answered only when the group's COMMIT is on disk, and that COMMIT is made once the
 * transactions already waiting have run (at most `maxGroup` of them). So nothing is answered
 * before it is durable, a failed transaction is rolled back to its savepoint alone, and eight
 * waiting requests share one flush instead of paying eight.
 *
 * A statement outside a transaction that writes (a pragma, a lone insert) first commits the group,
 * so it never runs inside someone else's transaction. A read outside a transaction may see what a
 * transaction of the open group wrote a moment before its flush, as it would have a moment after.
 */
export class GroupCommitDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  readonly #maxGroup: number;

  constructor(config: { database: SqliteDatabase; maxGroup?: number }) {
    super({ database: config.database });
    this.#database = config.database;
    this.#maxGroup = config.maxGroup ?? 64;
  }

  override createDriver(): Driver {
    return new GroupCommitDriver(this.#database, this.#maxGroup);
  }
}

/** A first-come, first-served lock on the connection. */
class FairLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** One holder's use of the connection: released once, by its commit or by Kysely afterwards. */
class Lease implements DatabaseConnection {
  released = false;
  /** The savepoint of the transaction this lease is running, if any. */
  savepoint: string | null = null;

  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.run<R>(query, this.savepoint !== null));
  }

  // eslint-disable-next-line require-yield -- streaming is not offered, as Kysely's own SQLite driver offers it only for selects
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on SQLite here.');
  }
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

class GroupCommitDriver implements Driver {
  readonly #lock = new FairLock();
  /** Transactions run since the group's BEGIN, waiting for its COMMIT. */
  #committed: Waiter[] = [];
  #open = false;
  #flushQueued = false;
  #names = 0;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly maxGroup: number,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.lock();
    return new Lease(this);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#release(connection as Lease);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (!this.#open) {
      this.#exec('begin');
      this.#open = true;
    }
    lease.savepoint = `group_${++this.#names}`;
    this.#exec(`savepoint ${lease.savepoint}`);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.#exec(`release ${this.#take(lease)}`);
    const durable = new Promise<void>((resolve, reject) => this.#committed.push({ resolve, reject }));
    if (this.#committed.length >= this.maxGroup) this.#commitGroup();
    else this.#queueFlush();
    // The next transaction may run while this one waits for the group's flush.
    this.#release(lease);
    await durable;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const savepoint = this.#take(connection as Lease);
    this.#exec(`rollback to ${savepoint}`);
    this.#exec(`release ${savepoint}`);
    this.#queueFlush();
  }

  async destroy(): Promise<void> {
    await this.#lock.lock();
    this.#commitGroup();
    this.database.close();
  }

  /** Runs one statement; a write outside a transaction commits the group first (see the class comment). */
  run<R>(query: CompiledQuery, inTransaction: boolean): QueryResult<R> {
    const statement = this.database.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    if (!inTransaction) this.#commitGroup();
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  #take(lease: Lease): string {
    const savepoint = lease.savepoint;
    if (savepoint === null) throw new Error('No transaction is running on this connection.');
    lease.savepoint = null;
    return savepoint;
  }

  #release(lease: Lease): void {
    if (lease.released) return;
    lease.released = true;
    this.#lock.unlock();
  }

  #exec(sql: string): void {
    this.database.prepare(sql).run([]);
  }

  /** Commits once the transactions already waiting for the connection have run. */
  #queueFlush(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    setImmediate(() => {
      void this.#lock.lock().then(() => {
        this.#flushQueued = false;
        try {
          this.#commitGroup();
        } finally {
          this.#lock.unlock();
        }
      });
    });
  }

  /** COMMIT, then answer every transaction of the group: all durable, or all failed together. */
  #commitGroup(): void {
    if (!this.#open) return;
    const group = this.#committed;
    this.#committed = [];
    try {
      this.#exec('commit');
      this.#open = false;
    } catch (error) {
      try {
        this.#exec('rollback');
      } catch {
        // Nothing to roll back: SQLite already ended the transaction.
      }
      this.#open = false;
      for (const waiter of group) waiter.reject(error);
      return;
    }
    for (const waiter of group) waiter.resolve();
  }
}
