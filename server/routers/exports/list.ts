import { z } from 'zod';
import { channelIdSchema } from '../../../shared/schemas/common.ts';
import { exportListInputSchema } from '../../../shared/schemas/exports.ts';
import { exportErrorCodes, listExports } from '../../exports/list.ts';
import { guardedProcedure } from '../../trpc.ts';

const read = guardedProcedure('exports.read');

/** The exports list, its estimated totals and the IOM error codes its filter offers (the CSV is server/http). */
export const exportListProcedures = {
  list: read.input(exportListInputSchema).query(({ ctx, input }) => listExports(ctx.db, ctx.user, input)),
  errorCodes: read
    .input(z.object({ channelId: channelIdSchema.optional() }).strict().default({}))
    .query(({ ctx, input }) => exportErrorCodes(ctx.db, ctx.user, input)),
};
