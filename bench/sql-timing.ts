import type { SqliteDatabase } from '../src/store/database.js';

const TIMED = new Set(['all', 'get', 'run']);
const CHAINED = new Set(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);

/**
 * Makes every statement prepared on `db` from now on count the time spent in SQLite (its `all`,
 * `get` and `run`; SQL functions written in JavaScript run inside them). The store's own
 * statements, run by the store, are then the "same SQL run bare" of a store call.
 */
export function timeSqlCalls(db: SqliteDatabase): { nanoseconds: () => bigint } {
  let spent = 0n;
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    const timed: object = new Proxy(statement, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        if (CHAINED.has(property)) return (...args: unknown[]) => { value.apply(target, args); return timed; };
        if (!TIMED.has(property)) return value.bind(target);
        return (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          try {
            return value.apply(target, args);
          } finally {
            spent += process.hrtime.bigint() - started;
          }
        };
      },
    });
    return timed;
  };
  return { nanoseconds: () => spent };
}
