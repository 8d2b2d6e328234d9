import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/index.ts';

type Outputs = inferRouterOutputs<AppRouter>;

/** A channel as react-admin holds it: the IOM shop ID as a digit string. */
export type ChannelRecord = Omit<Outputs['channels']['get'], 'iomShopId'> & { iomShopId: string };
export type Coverage = ChannelRecord['coverage'][number];
export type CatalogueEntry = Outputs['services']['catalogue'][number];
export type SettingField = CatalogueEntry['settingFields'][number];
/** A service configuration; after a save it carries the server's warnings. */
export type ServiceRecord = Outputs['services']['get'] & { warnings?: string[] };
export type HistoryEntry = Outputs['channels']['history'][number];
export type TokenRecord = Outputs['tokens']['get'] & { token?: string };
export type OrganizationRecord = Outputs['organizations']['get'];
/** A channel's Services tab: per type what it uses, and why. */
export type ChannelEffective = Outputs['services']['effective'];
export type EffectiveEntry = ChannelEffective['entries'][number];
export type LatestTest = NonNullable<EffectiveEntry['latestTest']>;
/** A stored connectivity test. */
export type ProbeRun = Outputs['probes']['history'][number];
export type ProbeGrid = Outputs['probes']['grid'];
