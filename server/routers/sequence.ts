import {
  iomLargestSchema,
  negotiationApplySchema,
  negotiationExportSchema,
  negotiationIdSchema,
  negotiationInputSchema,
  negotiationListSchema,
  negotiationStepSchema,
  negotiationUpdateSchema,
} from '../../shared/schemas/sequence.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { createNegotiation, supersedeNegotiation, updateNegotiation } from '../sequence/commands.ts';
import { exportNegotiation } from '../sequence/export.ts';
import { fetchIomLargest } from '../sequence/iomLargest.ts';
import { listIomSources } from '../sequence/iomSource.ts';
import { getNegotiation, listNegotiations } from '../sequence/queries.ts';
import { applyNegotiation, approveNegotiation, proposeNegotiation } from '../sequence/workflow.ts';
import { guardedProcedure, router } from '../trpc.ts';

const read = guardedProcedure('sequence.read');
const write = guardedProcedure('sequence.write');

const actor = (ctx: { user: SessionUser; ip: string }) => ({
  id: ctx.user.id,
  email: ctx.user.email,
  ip: ctx.ip,
});

/** Order-number sequence negotiations (admins only; shared/access.ts). The calculator itself runs in the browser. */
export const sequenceRouter = router({
  list: read.input(negotiationListSchema).query(({ ctx, input }) => listNegotiations(ctx.db, input)),
  get: read
    .input(negotiationIdSchema)
    .query(({ ctx, input }) => getNegotiation(ctx.db, ctx.user.id, input.id)),
  export: read
    .input(negotiationExportSchema)
    .query(({ ctx, input }) => exportNegotiation(ctx.db, input.id, input.format, ctx.user.email)),
  /** Channels and the configuration "fetch from IOM" would use for each. */
  iomSources: read.query(({ ctx }) => listIomSources(ctx.db)),
  /** Asks a channel's IOM for its largest order number; nothing is stored until the admin confirms it. */
  fetchIomLargest: write.input(iomLargestSchema).mutation(({ ctx, input }) => fetchIomLargest(ctx, input)),
  create: write
    .input(negotiationInputSchema)
    .mutation(({ ctx, input }) => createNegotiation(ctx.db, actor(ctx), input)),
  update: write
    .input(negotiationUpdateSchema)
    .mutation(({ ctx, input }) => updateNegotiation(ctx.db, actor(ctx), input)),
  propose: write
    .input(negotiationStepSchema)
    .mutation(({ ctx, input }) => proposeNegotiation(ctx.db, actor(ctx), input)),
  approve: write
    .input(negotiationStepSchema)
    .mutation(({ ctx, input }) => approveNegotiation(ctx.db, actor(ctx), input)),
  markApplied: write
    .input(negotiationApplySchema)
    .mutation(({ ctx, input }) => applyNegotiation(ctx.db, actor(ctx), input)),
  /** Starts a new draft from an approved or applied negotiation; approving it supersedes the old one. */
  supersede: write
    .input(negotiationIdSchema)
    .mutation(({ ctx, input }) => supersedeNegotiation(ctx.db, actor(ctx), input)),
});
