import { z } from 'zod';
import {
  channelCreateSchema,
  channelListSchema,
  channelUpdateSchema,
} from '../../shared/schemas/channels.ts';
import { channelIdSchema } from '../../shared/schemas/common.ts';
import { createChannel, updateChannel } from '../channels/commands.ts';
import { channelHistory } from '../channels/history.ts';
import { getChannel, getChannels, listChannels } from '../channels/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';

const read = guardedProcedure('channels.read');
const write = guardedProcedure('channels.write');

export const channelsRouter = router({
  list: read.input(channelListSchema).query(({ ctx, input }) => listChannels(ctx.db, ctx.user, input)),
  get: read
    .input(z.object({ id: channelIdSchema }))
    .query(({ ctx, input }) => getChannel(ctx.db, ctx.user, input.id)),
  getMany: read
    .input(z.object({ ids: z.array(channelIdSchema).max(500) }))
    .query(({ ctx, input }) => getChannels(ctx.db, ctx.user, input.ids)),
  history: read
    .input(z.object({ id: channelIdSchema }))
    .query(({ ctx, input }) => channelHistory(ctx.db, ctx.user, input.id)),
  create: write
    .input(channelCreateSchema)
    .mutation(({ ctx, input }) =>
      createChannel(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip, user: ctx.user }, input),
    ),
  update: write
    .input(channelUpdateSchema)
    .mutation(({ ctx, input }) =>
      updateChannel(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip, user: ctx.user }, input),
    ),
});
