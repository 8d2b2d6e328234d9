import { z } from 'zod';
import {
  acknowledgeExport,
  addExportNote,
  editExportPayload,
  escalateExport,
  resolveExport,
  retryExport,
} from '../../exports/actions/commands.ts';
import { listOwners } from '../../exports/actions/owners.ts';
import {
  acknowledgeInputSchema,
  bulkFilterInputSchema,
  bulkJobIdSchema,
  editPayloadInputSchema,
  escalateInputSchema,
  exportIdSchema,
  noteInputSchema,
  resolveInputSchema,
  retryInputSchema,
} from '../../exports/actions/schemas.ts';
import { exportTimeline } from '../../exports/actions/timeline.ts';
import { cancelBulkRetry, previewBulkRetry, startBulkRetry } from '../../exports/bulk/commands.ts';
import { getBulkJob, listBulkJobs } from '../../exports/bulk/queries.ts';
import { guardedProcedure } from '../../trpc.ts';

const read = guardedProcedure('exports.read');
const run = guardedProcedure('exports.run');

/** Support's actions on exports: retry, edit and retry, resolve, escalate, acknowledge, notes, bulk retry. */
export const exportActionProcedures = {
  timeline: read
    .input(z.object({ exportId: exportIdSchema }).strict())
    .query(({ ctx, input }) => exportTimeline(ctx.db, ctx.user, input.exportId)),
  retry: run.input(retryInputSchema).mutation(({ ctx, input }) => retryExport({ ...ctx, ip: ctx.ip }, input)),
  editPayload: run
    .input(editPayloadInputSchema)
    .mutation(({ ctx, input }) =>
      editExportPayload({ ...ctx, ip: ctx.ip, maxPayloadBytes: ctx.env.SWITCHBOARD_INTAKE_MAX_BYTES }, input),
    ),
  resolve: run
    .input(resolveInputSchema)
    .mutation(({ ctx, input }) => resolveExport({ ...ctx, ip: ctx.ip }, input)),
  escalate: run
    .input(escalateInputSchema)
    .mutation(({ ctx, input }) => escalateExport({ ...ctx, ip: ctx.ip }, input)),
  acknowledge: run
    .input(acknowledgeInputSchema)
    .mutation(({ ctx, input }) => acknowledgeExport({ ...ctx, ip: ctx.ip }, input)),
  addNote: run
    .input(noteInputSchema)
    .mutation(({ ctx, input }) => addExportNote({ ...ctx, ip: ctx.ip }, input)),
  owners: run.query(({ ctx }) => listOwners(ctx.db)),
  bulkPreview: run
    .input(bulkFilterInputSchema)
    .query(({ ctx, input }) => previewBulkRetry(ctx.db, ctx.user, input.filter)),
  bulkStart: run
    .input(bulkFilterInputSchema)
    .mutation(({ ctx, input }) =>
      startBulkRetry(ctx.db, ctx.user, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input.filter),
    ),
  bulkJob: read.input(bulkJobIdSchema).query(({ ctx, input }) => getBulkJob(ctx.db, ctx.user, input.id)),
  bulkJobs: read.query(({ ctx }) => listBulkJobs(ctx.db, ctx.user)),
  bulkCancel: run
    .input(bulkJobIdSchema)
    .mutation(({ ctx, input }) =>
      cancelBulkRetry(ctx.db, ctx.user, { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip }, input.id),
    ),
};
