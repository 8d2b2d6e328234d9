import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isAllowed } from '../../shared/access.ts';
import { EXPORT_SORT_FIELDS, exportFilterSchema } from '../../shared/schemas/exports.ts';
import {
  MUST_CHANGE_PASSWORD_MESSAGE,
  resolveSession,
  SESSION_COOKIE,
  type SessionUser,
} from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { exportRowBatches } from '../exports/list.ts';
import { csvHeader, csvRow } from '../exports/listCsv.ts';
import { describeZodError, zodFieldErrors } from '../trpc.ts';

const orderingSchema = z
  .object({
    sort: z
      .enum(EXPORT_SORT_FIELDS, { error: `sort: one of ${EXPORT_SORT_FIELDS.join(', ')}.` })
      .default('createdAt'),
    order: z.enum(['ASC', 'DESC'], { error: 'order: ASC or DESC.' }).default('DESC'),
  })
  .strict();

/** Rows per keyset batch: memory holds one batch, whatever the download's size. */
const BATCH = 1000;

const problem = (reply: FastifyReply, status: number, error: string, message: string, extra: object = {}) =>
  reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error, message, ...extra });

/** The query string as the list's filter and order; empty parameters count as absent (an empty form field). */
function parseQuery(query: Record<string, unknown>) {
  const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
  // No filter value holds a control character, and PostgreSQL refuses a NUL in any text it is sent.
  const controls = Object.keys(given).filter((k) => /\p{Cc}/u.test(String(given[k])));
  if (controls.length > 0)
    return {
      ok: false as const,
      message: `${controls.join(', ')}: control characters are not allowed.`,
      fieldErrors: Object.fromEntries(controls.map((k) => [k, 'Control characters are not allowed.'])),
    };
  const { sort, order, ...filter } = given;
  const ordering = orderingSchema.safeParse({ sort, order });
  const filtered = exportFilterSchema.safeParse(filter);
  if (ordering.success && filtered.success)
    return { ok: true as const, ...ordering.data, filter: filtered.data };
  const errors = [ordering.error, filtered.error].filter((e) => e !== undefined);
  return {
    ok: false as const,
    message: errors.map(describeZodError).join('; '),
    fieldErrors: Object.assign({}, ...errors.map(zodFieldErrors)) as Record<string, string>,
  };
}

async function* csvText(
  db: Db,
  user: SessionUser,
  query: Parameters<typeof exportRowBatches>[2],
): AsyncGenerator<string> {
  yield `\uFEFF${csvHeader()}`; // the byte-order mark makes spreadsheets read UTF-8
  for await (const batch of exportRowBatches(db, user, query, BATCH)) yield batch.map(csvRow).join('');
}

/**
 * `GET /api/exports.csv?<the list's filter>&sort=&order=`: every export the signed-in user may see that matches,
 * streamed in keyset batches, without payload bodies. Authenticated by the browser's session cookie.
 */
export function registerExportsCsv(app: FastifyInstance, db: Db): void {
  app.get('/api/exports.csv', async (request, reply) => {
    const user = await resolveSession(db, request.cookies[SESSION_COOKIE]);
    if (!user) return problem(reply, 401, 'unauthorized', 'Please sign in to download exports.');
    if (user.mustChangePassword) return problem(reply, 403, 'forbidden', MUST_CHANGE_PASSWORD_MESSAGE);
    if (!isAllowed(user.role, 'exports.read'))
      return problem(reply, 403, 'forbidden', `Your role (${user.role}) may not read exports.`);
    const query = parseQuery((request.query ?? {}) as Record<string, unknown>);
    if (!query.ok)
      return problem(reply, 400, 'bad_request', query.message, { fieldErrors: query.fieldErrors });
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '');
    const body = Readable.from(csvText(db, user, query), { objectMode: false });
    body.on('error', (err) => request.log.error({ err }, 'exports CSV stopped'));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="exports-${stamp}Z.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
