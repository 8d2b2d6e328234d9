import { getDashboardSummary } from '../dashboard/queries.ts';
import { guardedProcedure, router } from '../trpc.ts';

export const dashboardRouter = router({
  summary: guardedProcedure('dashboard.read').query(({ ctx }) => getDashboardSummary(ctx.db, ctx.user)),
});
