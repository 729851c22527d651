/**
 * What a request costs with nothing of Redress in it, for bench/ratios.ts to measure Redress
 * against in the same run: a bare Fastify route, and naive routes doing one better-sqlite3 or one
 * pg statement (an INSERT, or a SELECT by key), with the same pragmas and pool size Redress uses.
 *   node dist/bench/baseline-server.js PORT SQLITE_PATH [POSTGRES_URL]
 */
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const [port = '0', sqlitePath = ':memory:', postgresUrl = ''] = process.argv.slice(2);
const app = Fastify({ logger: false });

app.get('/bare', () => ({ ok: true }));

const sqlite = new SQLite(sqlitePath);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.exec('create table if not exists naive (id integer primary key, at text not null, body text not null)');
const insert = sqlite.prepare('insert into naive (at, body) values (?, ?)');
const select = sqlite.prepare('select id, at, body from naive where id = ?');
let sqliteRows = 0;
app.post('/sqlite/insert', () => {
  sqliteRows = Number(insert.run(new Date().toISOString(), 'a naive row').lastInsertRowid);
  return { id: sqliteRows };
});
app.get('/sqlite/select', () => select.get(1 + Math.floor(Math.random() * Math.max(sqliteRows, 1))) ?? {});

if (postgresUrl) {
  const pool = new pg.Pool({ connectionString: postgresUrl, max: 10 });
  await pool.query('create table if not exists naive (id bigserial primary key, at timestamptz not null, body text not null)');
  let pgRows = Number((await pool.query<{ id: string }>("insert into naive (at, body) values (now(), 'a naive row') returning id")).rows[0]?.id ?? 0);
  app.post('/pg/insert', async () => {
    const result = await pool.query<{ id: string }>('insert into naive (at, body) values ($1, $2) returning id', [new Date().toISOString(), 'a naive row']);
    pgRows = Number(result.rows[0]?.id ?? 0);
    return { id: pgRows };
  });
  app.get('/pg/select', async () => {
    const result = await pool.query('select id, at, body from naive where id = $1', [1 + Math.floor(Math.random() * Math.max(pgRows, 1))]);
    return result.rows[0] ?? {};
  });
  app.addHook('onClose', () => pool.end());
}

// Seed a row for the selects to find before anything is measured.
sqliteRows = Number(insert.run(new Date().toISOString(), 'a naive row').lastInsertRowid);
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
