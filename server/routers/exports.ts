import { z } from 'zod';
import { assertExportsInScope, attemptsOfExport, getExport } from '../exports/queries.ts';
import { runExports } from '../exports/operator.ts';
import { guardedProcedure, router } from '../trpc.ts';
import { exportActionProcedures } from './exports/actions.ts';
import { exportInsightProcedures } from './exports/insights.ts';
import { exportListProcedures } from './exports/list.ts';

const read = guardedProcedure('exports.read');
const run = guardedProcedure('exports.run');
const idSchema = z.uuid('Unknown order export.');

export const exportsRouter = router({
  ...exportListProcedures,
  ...exportActionProcedures,
  ...exportInsightProcedures,
  get: read
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => getExport(ctx.db, ctx.user, input.id)),
  attempts: read
    .input(z.object({ exportId: idSchema }))
    .query(({ ctx, input }) => attemptsOfExport(ctx.db, ctx.user, input.exportId)),
  /** Runs exports now: the manual trigger's Run, and the retry of failed or escalated ones. */
  run: run
    .input(
      z.object({
        exportIds: z.array(idSchema).min(1, 'Choose at least one export.').max(10_000),
        cause: z.enum(['manual', 'bulk']).default('manual'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await assertExportsInScope(ctx.db, ctx.user, input.exportIds);
      return runExports(ctx.db, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input);
    }),
});
