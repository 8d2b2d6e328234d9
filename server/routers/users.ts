import { z } from 'zod';
import { userCreateSchema, userListSchema, userUpdateSchema } from '../../shared/schemas/users.ts';
import { guardedProcedure, router } from '../trpc.ts';
import { createUser, updateUser } from '../users/commands.ts';
import { getUser, getUsers, listUsers } from '../users/queries.ts';

const read = guardedProcedure('users.read');
const write = guardedProcedure('users.write');
const idSchema = z.uuid('Unknown user id.');

export const usersRouter = router({
  list: read.input(userListSchema).query(({ ctx, input }) => listUsers(ctx.db, input)),
  get: read.input(z.object({ id: idSchema })).query(({ ctx, input }) => getUser(ctx.db, input.id)),
  getMany: read
    .input(z.object({ ids: z.array(idSchema).max(500) }))
    .query(({ ctx, input }) => getUsers(ctx.db, input.ids)),
  create: write
    .input(userCreateSchema)
    .mutation(({ ctx, input }) =>
      createUser(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input),
    ),
  update: write
    .input(userUpdateSchema)
    .mutation(({ ctx, input }) =>
      updateUser(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input),
    ),
});
