import { createCallerFactory, router } from '../trpc.ts';
import { auditRouter } from './audit.ts';
import { authRouter } from './auth.ts';
import { channelsRouter } from './channels.ts';
import { dashboardRouter } from './dashboard.ts';
import { exportsRouter } from './exports.ts';
import { organizationsRouter } from './organizations.ts';
import { probesRouter } from './probes.ts';
import { servicesRouter } from './services.ts';
import { sequenceRouter } from './sequence.ts';
import { tokensRouter } from './tokens.ts';
import { usersRouter } from './users.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  audit: auditRouter,
  dashboard: dashboardRouter,
  channels: channelsRouter,
  services: servicesRouter,
  tokens: tokensRouter,
  probes: probesRouter,
  organizations: organizationsRouter,
  exports: exportsRouter,
  sequence: sequenceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
