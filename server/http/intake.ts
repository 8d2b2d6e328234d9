import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { channelIdSchema } from '../../shared/schemas/common.ts';
import type { Db } from '../db/client.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/errors.ts';
import { unavailableLog, type UnavailableLog } from '../db/unavailableLog.ts';
import { approveOrder, getExportView, intakeOrder } from '../exports/intake.ts';
import { unstorableBody } from '../exports/storableBody.ts';
import { wakeExporters } from '../exports/signals.ts';
import { SHOP_ORDER_NUMBER, SHOP_ORDER_NUMBER_RULE } from '../exports/validate.ts';
import { authenticateToken } from '../tokens/commands.ts';

type Params = { channelId: string; shopOrderNumber?: string };

const problem = (reply: FastifyReply, status: number, error: string, message: string, extra: object = {}) =>
  reply.code(status).send({ error, message, ...extra });

class InvalidJson extends Error {
  readonly statusCode = 400;
  readonly code = 'SWITCHBOARD_INVALID_JSON';
}

/**
 * The order intake for ICM (SPEC §8): `Authorization: Bearer sbt_…` tokens scoped to channels; an IOM Order 2.x
 * body per order; idempotent per channel and shop order number. Errors are JSON `{error, message}`.
 */
export async function registerIntake(
  app: FastifyInstance,
  deps: { db: Db; maxBytes: number; unavailableLog?: UnavailableLog },
): Promise<void> {
  const { db, maxBytes } = deps;
  const logUnavailable = deps.unavailableLog ?? unavailableLog();
  await app.register(
    (scope, _opts, done) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        ['application/json', 'application/vnd.intershop.order.v2+json'],
        { parseAs: 'string', bodyLimit: maxBytes },
        (_request, body, parsed) => {
          const text = String(body);
          if (text.trim() === '') return parsed(null, undefined);
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (error) {
            return parsed(
              new InvalidJson(`The body is not valid JSON: ${(error as Error).message}`),
              undefined,
            );
          }
          const unstorable = unstorableBody(value);
          parsed(unstorable ? new InvalidJson(unstorable.message) : null, unstorable ? undefined : value);
        },
      );

      scope.setErrorHandler((error: FastifyError, request, reply) => {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          return problem(
            reply,
            413,
            'payload_too_large',
            `The order is larger than the intake's limit of ${maxBytes} bytes (SWITCHBOARD_INTAKE_MAX_BYTES).`,
          );
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
          return problem(
            reply,
            415,
            'unsupported_media_type',
            'Send the order as application/json (or application/vnd.intershop.order.v2+json).',
          );
        if (error.code === 'SWITCHBOARD_INVALID_JSON')
          return problem(reply, 400, 'invalid_json', error.message);
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
          return problem(reply, error.statusCode, 'bad_request', error.message);
        if (isDatabaseUnavailable(error)) {
          logUnavailable(request.log, error, 'intake');
          void reply.header('retry-after', '5');
          return problem(reply, 503, 'database_unavailable', DATABASE_UNAVAILABLE_MESSAGE);
        }
        request.log.error({ err: error }, 'intake error');
        return problem(
          reply,
          500,
          'internal',
          'Switchboard could not take the request; try again. The request id is in x-request-id.',
        );
      });

      scope.addHook('onRequest', async (request: FastifyRequest<{ Params: Params }>, reply) => {
        const header = request.headers.authorization;
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
        const { channelId } = request.params;
        // An id no channel can have (a NUL byte, say, which PostgreSQL refuses outright) is not looked up.
        const wellFormed = channelIdSchema.safeParse(channelId).data === channelId;
        const token = match
          ? await authenticateToken(db, match[1], wellFormed ? channelId : undefined)
          : null;
        if (!token) {
          void reply.header('www-authenticate', 'Bearer realm="switchboard"');
          return problem(
            reply,
            401,
            'unauthorized',
            header
              ? 'The API token is unknown or revoked.'
              : 'Send an API token: Authorization: Bearer sbt_…',
          );
        }
        if (!token.channelExists)
          return problem(reply, 404, 'unknown_channel', `There is no channel ${channelId}.`);
        if (!token.channelIds.includes(channelId))
          return problem(
            reply,
            403,
            'forbidden',
            `This API token may not send orders for channel ${channelId}.`,
          );
      });

      const orderNumberOf = (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
        const number = request.params.shopOrderNumber ?? '';
        if (SHOP_ORDER_NUMBER.test(number)) return number;
        void problem(reply, 400, 'invalid_order_number', SHOP_ORDER_NUMBER_RULE, {
          fieldErrors: { shopOrderNumber: SHOP_ORDER_NUMBER_RULE },
        });
        return null;
      };

      scope.post<{ Params: Params }>(
        '/channels/:channelId/orders',
        { bodyLimit: maxBytes },
        async (request, reply) => {
          if (request.body === undefined)
            return problem(
              reply,
              400,
              'invalid_json',
              'The body is empty: send an IOM Order 2.x order as JSON.',
            );
          const result = await intakeOrder(db, { channelId: request.params.channelId, body: request.body });
          switch (result.kind) {
            case 'invalid':
              return problem(reply, 400, 'invalid_order', result.problems.map((p) => p.message).join('; '), {
                fieldErrors: Object.fromEntries(result.problems.map((p) => [p.field, p.message])),
              });
            case 'conflict':
              return problem(reply, 409, 'conflict', result.reason, { export: result.export });
            case 'existing':
              return reply.code(200).send(result.export);
            case 'accepted':
              if (result.export.state === 'pending') wakeExporters();
              return reply.code(202).send(result.export);
          }
        },
      );

      scope.post<{ Params: Params }>(
        '/channels/:channelId/orders/:shopOrderNumber/approval',
        async (request, reply) => {
          const number = orderNumberOf(request, reply);
          if (number === null) return reply;
          const view = await approveOrder(db, {
            channelId: request.params.channelId,
            shopOrderNumber: number,
          });
          if (!view)
            return problem(
              reply,
              404,
              'unknown_order',
              `Channel ${request.params.channelId} has no order ${number}.`,
            );
          if (view.state === 'pending') wakeExporters();
          return view;
        },
      );

      scope.get<{ Params: Params }>(
        '/channels/:channelId/orders/:shopOrderNumber',
        async (request, reply) => {
          const number = orderNumberOf(request, reply);
          if (number === null) return reply;
          const view = await getExportView(db, request.params.channelId, number);
          return (
            view ??
            problem(
              reply,
              404,
              'unknown_order',
              `Channel ${request.params.channelId} has no order ${number}.`,
            )
          );
        },
      );
      done();
    },
    { prefix: '/api/v1' },
  );
}
