import { z } from 'zod';
import { auditListSchema } from '../../shared/schemas/audit.ts';
import { getAuditEvent, listAuditActions, listAuditEvents } from '../audit/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';

const read = guardedProcedure('audit.read');

export const auditRouter = router({
  list: read.input(auditListSchema).query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
  get: read
    .input(z.object({ id: z.number().int().positive('Unknown audit entry.') }))
    .query(({ ctx, input }) => getAuditEvent(ctx.db, input.id)),
  actions: read.query(({ ctx }) => listAuditActions(ctx.db)),
});
