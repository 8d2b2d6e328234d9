import { z } from 'zod';
import { guardedProcedure, router } from '../trpc.ts';
import { createToken, getToken, listTokens, revokeToken, tokenCreateSchema } from '../tokens/commands.ts';

const manage = guardedProcedure('tokens.manage');
const idSchema = z.uuid('Unknown API token.');

export const tokensRouter = router({
  list: manage.query(({ ctx }) => listTokens(ctx.db)),
  get: manage.input(z.object({ id: idSchema })).query(({ ctx, input }) => getToken(ctx.db, input.id)),
  create: manage
    .input(tokenCreateSchema)
    .mutation(({ ctx, input }) =>
      createToken(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input),
    ),
  revoke: manage
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) =>
      revokeToken(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input.id),
    ),
});
