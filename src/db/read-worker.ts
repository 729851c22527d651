import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Database } from './schema.js';

/**
 * SQLite's slow reads (the dashboard, reports) off the event loop: a read-only better-sqlite3
 * connection in a worker thread, behind a Kysely of its own. SQLite in WAL mode lets it read while
 * the main connection writes, so a dashboard refresh no longer holds up the queue or an intake.
 * Each statement sees what had committed when it began, as on the main connection.
 */
export interface ReadWorker {
  db: Kysely<Database>;
  close(): Promise<void>;
}

// The worker's whole program. Plain JavaScript evaluated in the thread, so it runs the same from
// the TypeScript sources (tests) and the build; it loads better-sqlite3 by its resolved path.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > 500) statements.delete(statements.keys().next().value);
    }
    if (statement.reader) parentPort.postMessage({ id, rows: statement.all(parameters) });
    else parentPort.postMessage({ id, rows: [], changes: statement.run(parameters).changes });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
parentPort.postMessage({ ready: true });
`;

interface Reply {
  id?: number;
  ready?: boolean;
  rows?: unknown[];
  changes?: number;
  error?: { message: string; code?: string };
}

class WorkerDriver implements Driver {
  #worker: Worker | null = null;
  #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  #next = 0;
  // One connection: a transaction (BEGIN … COMMIT) holds it until it ends, as Kysely's SQLite driver does.
  #queue: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  async init(): Promise<void> {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerSource, { eval: true, workerData: { path: this.path, module } });
    this.#worker = worker;
    await new Promise<void>((resolve, reject) => {
      const failAll = (error: Error) => {
        reject(error);
        for (const waiter of this.#pending.values()) waiter.reject(error);
        this.#pending.clear();
      };
      worker.on('error', failAll);
      worker.on('exit', (code) => {
        this.#worker = null;
        failAll(new Error(`The SQLite read worker stopped (exit code ${code}).`));
      });
      worker.on('message', (reply: Reply) => {
        if (reply.ready) return resolve();
        const waiter = reply.id === undefined ? undefined : this.#pending.get(reply.id);
        if (!waiter || reply.id === undefined) return;
        this.#pending.delete(reply.id);
        if (reply.error) waiter.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
        else waiter.resolve(reply);
      });
    });
  }

  run(sql: string, parameters: readonly unknown[]): Promise<Reply> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new Error('The SQLite read worker is not running.'));
    const id = (this.#next += 1);
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, sql, parameters });
    });
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release = () => {};
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    return new WorkerConnection(this, release);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as WorkerConnection).release();
  }

  async destroy(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

class WorkerConnection implements DatabaseConnection {
  constructor(
    private readonly driver: WorkerDriver,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.driver.run(compiledQuery.sql, compiledQuery.parameters);
    return {
      rows: (reply.rows ?? []) as R[],
      ...(reply.changes === undefined ? {} : { numAffectedRows: BigInt(reply.changes) }),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The SQLite read worker does not stream.');
  }
}

function workerDialect(path: string): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new WorkerDriver(path),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/** A read-only connection to the SQLite file at `path`, in a worker thread. */
export function openReadWorker(path: string): ReadWorker {
  const db = new Kysely<Database>({ dialect: workerDialect(path) });
  return { db, close: () => db.destroy() };
}
