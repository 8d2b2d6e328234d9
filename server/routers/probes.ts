import { z } from 'zod';
import { channelIdSchema } from '../../shared/schemas/common.ts';
import { probeAllSchema, probeFormSchema, probeSavedSchema } from '../../shared/schemas/probes.ts';
import { assertChannelInScope, inScope } from '../channels/scope.ts';
import { testAll, testForm, testSaved } from '../probes/commands.ts';
import { probeGrid } from '../probes/grid.ts';
import { runsOf } from '../probes/queries.ts';
import { getService } from '../services/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';

const read = guardedProcedure('probes.read');
const run = guardedProcedure('probes.run');

export const probesRouter = router({
  /** Tests a saved configuration and keeps the result. */
  testSaved: run.input(probeSavedSchema).mutation(({ ctx, input }) => testSaved(ctx, ctx.user, input)),
  /** Tests the form's values as they are; stores nothing. */
  testForm: run.input(probeFormSchema).mutation(({ ctx, input }) => testForm(ctx, ctx.user, input)),
  /** Test all, streamed: one event per finished test (server-sent events). */
  testAll: run.input(probeAllSchema).subscription(async function* ({ ctx, input, signal }) {
    yield* testAll(ctx, ctx.user, input, signal);
  }),
  history: read
    .input(
      z.object({ configId: z.uuid('Unknown service configuration.'), channelId: channelIdSchema.optional() }),
    )
    .query(async ({ ctx, input }) => {
      const config = await getService(ctx.db, ctx.user, input.configId);
      if (input.channelId) assertChannelInScope(ctx.user, input.channelId);
      const runs = await runsOf(ctx.db, config.id, input.channelId);
      return runs.filter((r) => inScope(ctx.user, r.channelId));
    }),
  /** Channels × service types, coloured by the latest test of what each channel uses. */
  grid: read.query(({ ctx }) => probeGrid(ctx.db, ctx.user)),
});
