import { z } from 'zod';
import { channelIdSchema } from '../../shared/schemas/common.ts';
import {
  probeAllSchema,
  probeBatchIdSchema,
  probeFormSchema,
  probeSavedSchema,
} from '../../shared/schemas/probes.ts';
import { followTestAll } from '../probes/batchProgress.ts';
import { cancelTestAll, startTestAll } from '../probes/batches.ts';
import { testForm, testSaved } from '../probes/commands.ts';
import { probeGrid } from '../probes/grid.ts';
import { probeHistory } from '../probes/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';

const read = guardedProcedure('probes.read');
const run = guardedProcedure('probes.run');

export const probesRouter = router({
  /** Tests a saved configuration and keeps the result. */
  testSaved: run.input(probeSavedSchema).mutation(({ ctx, input }) => testSaved(ctx, ctx.user, input)),
  /** Tests the form's values as they are; stores nothing. */
  testForm: run.input(probeFormSchema).mutation(({ ctx, input }) => testForm(ctx, ctx.user, input)),
  /** Starts Test all in the background (a mutation: a GET never starts work); answers its id and total. */
  startTestAll: run.input(probeAllSchema).mutation(({ ctx, input }) => startTestAll(ctx, ctx.user, input)),
  cancelTestAll: run
    .input(probeBatchIdSchema)
    .mutation(({ ctx, input }) => cancelTestAll(ctx.db, ctx.user, input)),
  /** Follows a started Test all: one event per stored result (server-sent events); starts nothing. */
  testAllProgress: run
    .input(probeBatchIdSchema)
    .subscription(({ ctx, input, signal }) => followTestAll(ctx.db, ctx.user, input, signal)),
  history: read
    .input(
      z.object({ configId: z.uuid('Unknown service configuration.'), channelId: channelIdSchema.optional() }),
    )
    .query(({ ctx, input }) => probeHistory(ctx.db, ctx.user, input)),
  /** Channels × service types, coloured by the latest test of what each channel uses. */
  grid: read.query(({ ctx }) => probeGrid(ctx.db, ctx.user)),
});
