import type { GetListParams, Identifier } from 'react-admin';
import type { ExportFilter } from '../../../../shared/schemas/exports.ts';
import type { ResourceApi, Row } from '../resourceApi.ts';
import { trpcClient } from '../trpc.ts';

const FILTER_KEYS = ['channelId', 'state', 'outcomeClass', 'iomErrorCode', 'orderNumber'] as const;

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The list's filter form as the API's ExportFilter: empty inputs left out, dates as ISO timestamps, the
 * "starts with" switch as `orderNumberMatch`. The list, the CSV download and bulk retry all go through it.
 */
export function toExportFilter(values: Record<string, unknown> | undefined): ExportFilter {
  const v = values ?? {};
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (present(v[key])) filter[key] = String(v[key]).trim();
  for (const key of ['from', 'to'] as const)
    if (present(v[key])) filter[key] = new Date(v[key] as string | Date).toISOString();
  filter.orderNumberMatch = v.orderNumberPrefix === true ? 'prefix' : 'exact';
  return filter as ExportFilter;
}

export const sortOf = (sort: GetListParams['sort']) => ({
  sort: sort?.field === 'attempts' ? ('attempts' as const) : ('createdAt' as const),
  order: sort?.order === 'ASC' ? ('ASC' as const) : ('DESC' as const),
});

/**
 * Keyset paging: the server answers page N+1 only after the cursor of page N. The cursors seen are kept per
 * filter, sort and page size; a page reached without a known cursor (a bookmarked page 7) shows page 1.
 */
const MAX_LISTINGS = 20;
const cursors = new Map<string, Map<number, string>>();

function cursorsOf(key: string): Map<number, string> {
  let known = cursors.get(key);
  if (!known) {
    known = new Map();
    cursors.set(key, known);
    if (cursors.size > MAX_LISTINGS) cursors.delete(cursors.keys().next().value as string);
  }
  return known;
}

export interface ExportListMeta {
  total: { count: number; exact: boolean };
  /** The page the rows are of: 1 when the asked page's cursor was unknown. */
  page: number;
}

export async function listExports(params: GetListParams) {
  const filter = toExportFilter(params.filter as Record<string, unknown>);
  const { sort, order } = sortOf(params.sort);
  const perPage = params.pagination?.perPage ?? 25;
  const asked = params.pagination?.page ?? 1;
  const known = cursorsOf(JSON.stringify({ filter, sort, order, perPage }));
  const after = asked > 1 ? known.get(asked) : undefined;
  const page = after ? asked : 1;
  const result = await trpcClient.exports.list.query({ filter, sort, order, perPage, after });
  if (result.nextCursor) known.set(page + 1, result.nextCursor);
  return {
    data: result.data as Row[],
    pageInfo: { hasNextPage: result.nextCursor !== null, hasPreviousPage: page > 1 },
    meta: { total: result.total, page } satisfies ExportListMeta,
  };
}

/** GET /api/exports.csv with the list's filter and sort; the session cookie authenticates the download. */
export function csvUrl(values: Record<string, unknown> | undefined, sort: GetListParams['sort']): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(toExportFilter(values))) query.set(key, String(value));
  const s = sortOf(sort);
  query.set('sort', s.sort);
  query.set('order', s.order);
  return `/api/exports.csv?${query.toString()}`;
}

const getOne = (id: Identifier) => trpcClient.exports.get.query({ id: String(id) });

/** Exports are read here and changed only through support's actions (retry, edit, resolve…), not update. */
export const exportsApi: ResourceApi = {
  getList: async (params) => {
    const { data, meta } = await listExports(params);
    return { data, total: meta.total.count };
  },
  getOne,
  getMany: (ids) => Promise.all(ids.map(getOne)),
};
