import type { GetListParams, Identifier, RaRecord } from 'react-admin';

export type Row = RaRecord;

/** The procedures behind one react-admin resource; a resource offers only what its server router offers. */
export interface ResourceApi {
  getList: (params: GetListParams) => Promise<{ data: Row[]; total: number }>;
  getOne: (id: Identifier) => Promise<Row>;
  getMany: (ids: Identifier[]) => Promise<Row[]>;
  create?: (data: Record<string, unknown>) => Promise<Row>;
  update?: (id: Identifier, data: Record<string, unknown>, previous: Row) => Promise<Row>;
  delete?: (id: Identifier, previous: Row | undefined) => Promise<Row>;
}

export const listParams = (params: GetListParams) => ({
  page: params.pagination?.page ?? 1,
  perPage: params.pagination?.perPage ?? 25,
  order: params.sort?.order === 'DESC' ? ('DESC' as const) : ('ASC' as const),
  filter: Object.fromEntries(
    Object.entries((params.filter ?? {}) as Record<string, unknown>).filter(
      ([, v]) => v !== '' && v !== null && v !== undefined,
    ),
  ),
});

/** Date inputs hand over Dates or local date-time strings; the API takes ISO timestamps. */
export const withIsoDates = (filter: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(
    Object.entries(filter).map(([k, v]) => [k, keys.includes(k) ? new Date(v as string).toISOString() : v]),
  );

export const pick = <T extends object>(data: Record<string, unknown>, keys: (keyof T)[]) =>
  Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k as string]])) as Partial<T>;

type WithoutBigints<T> = { [K in keyof T]: T[K] extends bigint ? string : T[K] };

/** BigInts cannot sit in react-admin inputs (nor in JSON exports): they travel as digit strings. */
export function withoutBigints<T extends object>(row: T): WithoutBigints<T> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
  ) as WithoutBigints<T>;
}

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v === null || v === undefined ? '' : v);

/**
 * For procedures that answer with every row at once (a channel's services, API tokens): react-admin's
 * search (`q` over `searchIn`), equality filters, sort and paging, done here.
 */
export function pageInMemory<T extends Row>(
  rows: T[],
  params: GetListParams,
  options: { searchIn?: (keyof T)[]; serverFilters?: string[] } = {},
): { data: T[]; total: number } {
  const { page, perPage, filter } = listParams(params);
  const { q, ...equal } = filter;
  const needle = typeof q === 'string' ? q.toLowerCase() : '';
  const filtered = rows.filter(
    (row) =>
      (!needle ||
        (options.searchIn ?? []).some((k) =>
          String(row[k] ?? '')
            .toLowerCase()
            .includes(needle),
        )) &&
      Object.entries(equal).every(
        ([k, v]) => options.serverFilters?.includes(k) || !(k in row) || String(row[k]) === String(v),
      ),
  );
  const field = params.sort?.field;
  const direction = params.sort?.order === 'DESC' ? -1 : 1;
  if (field) {
    filtered.sort((a, b) => {
      const x = comparable(a[field]);
      const y = comparable(b[field]);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  }
  return { data: filtered.slice((page - 1) * perPage, page * perPage), total: filtered.length };
}
