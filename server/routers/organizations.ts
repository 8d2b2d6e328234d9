import { z } from 'zod';
import {
  organizationCreateSchema,
  organizationIdSchema,
  organizationListSchema,
  organizationUpdateSchema,
} from '../../shared/schemas/organizations.ts';
import { createOrganization, deleteOrganization, updateOrganization } from '../organizations/commands.ts';
import { getOrganization, getOrganizations, listOrganizations } from '../organizations/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';

const read = guardedProcedure('organizations.read');
const write = guardedProcedure('organizations.write');
const actor = (ctx: { user: { id: string; email: string }; ip: string }) => ({
  id: ctx.user.id,
  email: ctx.user.email,
  ip: ctx.ip,
});

export const organizationsRouter = router({
  list: read.input(organizationListSchema).query(({ ctx, input }) => listOrganizations(ctx.db, input)),
  get: read
    .input(z.object({ id: organizationIdSchema }))
    .query(({ ctx, input }) => getOrganization(ctx.db, input.id)),
  getMany: read
    .input(z.object({ ids: z.array(organizationIdSchema).max(500) }))
    .query(({ ctx, input }) => getOrganizations(ctx.db, input.ids)),
  create: write
    .input(organizationCreateSchema)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, actor(ctx), input)),
  update: write
    .input(organizationUpdateSchema)
    .mutation(({ ctx, input }) => updateOrganization(ctx.db, actor(ctx), input)),
  delete: write
    .input(z.object({ id: organizationIdSchema }))
    .mutation(({ ctx, input }) => deleteOrganization(ctx.db, actor(ctx), input.id)),
});
