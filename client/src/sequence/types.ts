import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/index.ts';

/** A negotiation as the page shows it: the record, its parties and trail, and what this admin may do. */
export type Negotiation = inferRouterOutputs<AppRouter>['sequence']['get'];
export type NegotiationParty = Negotiation['parties'][number];
