import { z } from 'zod';
import { channelIdSchema } from '../../../shared/schemas/common.ts';
import { iomStatusOf } from '../../exports/iomStatus.ts';
import { exportStats } from '../../exports/stats.ts';
import { STATS_RANGES } from '../../exports/statsShape.ts';
import { guardedProcedure } from '../../trpc.ts';

const read = guardedProcedure('exports.read');

export const exportStatsInputSchema = z
  .object({
    range: z.enum(STATS_RANGES, { error: `Choose a range of ${STATS_RANGES.join(' or ')}.` }),
    channelId: channelIdSchema.optional(),
  })
  .strict();

/** What support reads beside the list: live IOM status of an exported order and the dashboard's figures. */
export const exportInsightProcedures = {
  /** IOM's current state of an exported order, with ICM's name for it; IOM trouble is an answer, not an error. */
  iomStatus: read
    .input(z.object({ id: z.uuid('Unknown order export.') }).strict())
    .query(({ ctx, input }) =>
      iomStatusOf({ db: ctx.db, user: ctx.user, secrets: ctx.secrets, probeEnv: ctx.probeEnv }, input.id),
    ),
  /** The dashboard: exports per hour, what is open now, failures by class, top IOM error codes, per channel. */
  stats: read.input(exportStatsInputSchema).query(({ ctx, input }) => exportStats(ctx.db, ctx.user, input)),
};
