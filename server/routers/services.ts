import { z } from 'zod';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { channelIdSchema } from '../../shared/schemas/common.ts';
import {
  inheritedActivationSchema,
  orgChangePreviewSchema,
  serviceCreateSchema,
  serviceListSchema,
  serviceRefSchema,
  serviceUpdateSchema,
} from '../../shared/schemas/services.ts';
import { setInheritedActive } from '../sharing/activation.ts';
import { channelEffective, previewOrgChange } from '../sharing/views.ts';
import { createService, deleteService, restoreService, updateService } from '../services/commands.ts';
import { getService, getServices, listServices } from '../services/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';
import type { Context } from '../context.ts';

const read = guardedProcedure('services.read');
const write = guardedProcedure('services.write');
const idSchema = z.uuid('Unknown service configuration.');

const actorOf = (ctx: Context & { user: NonNullable<Context['user']> }) => ({
  id: ctx.user.id,
  email: ctx.user.email,
  ip: ctx.ip,
  user: ctx.user,
});

export const servicesRouter = router({
  /** The catalogue without its schemas: what the form needs to render each type. */
  catalogue: read.query(() =>
    Object.values(CATALOGUE).map(({ settings, ...def }) => ({ ...def, defaults: settings.parse({}) })),
  ),
  list: read.input(serviceListSchema).query(({ ctx, input }) => listServices(ctx.db, ctx.user, input)),
  get: read
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => getService(ctx.db, ctx.user, input.id)),
  getMany: read
    .input(z.object({ ids: z.array(idSchema).max(500) }))
    .query(({ ctx, input }) => getServices(ctx.db, ctx.user, input.ids)),
  create: write
    .input(serviceCreateSchema)
    .mutation(({ ctx, input }) => createService(ctx.db, ctx.secrets, actorOf(ctx), input)),
  update: write
    .input(serviceUpdateSchema)
    .mutation(({ ctx, input }) => updateService(ctx.db, ctx.secrets, actorOf(ctx), input)),
  delete: write
    .input(serviceRefSchema)
    .mutation(({ ctx, input }) => deleteService(ctx.db, actorOf(ctx), input)),
  /** Per service type: what the channel uses (own or inherited), why, and what it may do about it. */
  effective: read
    .input(z.object({ channelId: channelIdSchema }))
    .query(({ ctx, input }) => channelEffective(ctx.db, ctx.user, input.channelId)),
  /** Switches an inherited configuration on or off for one channel, where the sharing rule allows. */
  setInheritedActive: write
    .input(inheritedActivationSchema)
    .mutation(({ ctx, input }) => setInheritedActive(ctx.db, actorOf(ctx), input)),
  /** Which channels would lose or gain an organization configuration through a change, before it is made. */
  previewChange: guardedProcedure('organizations.write')
    .input(orgChangePreviewSchema)
    .query(({ ctx, input }) => previewOrgChange(ctx.db, input)),
  restore: guardedProcedure('services.restore')
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => restoreService(ctx.db, actorOf(ctx), input.id)),
});
