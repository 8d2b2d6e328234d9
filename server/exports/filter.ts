import { and, eq, gte, inArray, like, lte, sql, type SQL } from 'drizzle-orm';
import { orderExports } from '../../drizzle/schema/exports.ts';
import { OUTCOME_OF_CLASS } from '../../shared/exports.ts';
import type { ExportFilter } from '../../shared/schemas/exports.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { channelScope } from '../channels/scope.ts';

/** `%`, `_` and `\` stand for themselves in a prefix search. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The SQL condition for "exports matching this filter that this user may see": the one definition the list,
 * the CSV download and bulk retry share, so a preview's count is what the job retries.
 */
export function whereOfFilter(filter: Partial<ExportFilter>, user: SessionUser): SQL {
  const e = orderExports;
  const scope = channelScope(user);
  const conditions: (SQL | undefined)[] = [
    scope === 'all' ? undefined : scope.length ? inArray(e.channelId, scope) : sql`false`,
    filter.channelId ? eq(e.channelId, filter.channelId) : undefined,
    filter.state ? eq(e.state, filter.state) : undefined,
    filter.outcomeClass ? eq(e.outcome, OUTCOME_OF_CLASS[filter.outcomeClass]) : undefined,
    filter.iomErrorCode ? eq(e.lastIomErrorCode, filter.iomErrorCode) : undefined,
    filter.from ? gte(e.createdAt, filter.from) : undefined,
    filter.to ? lte(e.createdAt, filter.to) : undefined,
    filter.orderNumber
      ? filter.orderNumberMatch === 'prefix'
        ? like(e.shopOrderNumber, `${escapeLike(filter.orderNumber)}%`)
        : eq(e.shopOrderNumber, filter.orderNumber)
      : undefined,
  ];
  return and(...conditions) ?? sql`true`;
}
