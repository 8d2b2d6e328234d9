import type postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;
type Callback = (sql: Sql) => unknown;

/**
 * drizzle's postgres.js adapter runs every query with `prepare: false` (drizzle-orm#6096). postgres.js then
 * describes each query with parameters before it can bind them: two round trips, and two writes to the
 * socket, per query. This wraps a postgres.js client, and the transactions and savepoints it opens, so that
 * queries with parameters are prepared once per connection (postgres.js' own default) and then take one
 * round trip. Statements without parameters (migrations' DDL among them) are left as they are.
 */
export function preparingStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe')
        return (query: string, parameters?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(
            query,
            parameters as postgres.ParameterOrJSON<never>[],
            parameters?.length ? { ...options, prepare: true } : options,
          );
      if (property === 'begin' || property === 'savepoint')
        return (...args: unknown[]) => {
          const callback = args.pop() as Callback;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (inner: Sql) =>
            callback(preparingStatements(inner)),
          );
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
