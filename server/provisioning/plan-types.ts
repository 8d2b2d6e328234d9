import type { ServiceType } from '../../shared/catalogue/types.ts';
import type { PlanChange } from './changes.ts';
import type {
  ProvisionedChannel,
  ProvisionedOrganization,
  ProvisionedOrganizationService,
  ProvisionedService,
} from './format.ts';

export type Action = 'create' | 'update' | 'unchanged';

interface BaseServicePlan<Desired> {
  type: ServiceType;
  /** Where the file declares it, e.g. `channels[0].services[1]`. */
  path: string;
  action: Action;
  /** For a creation: every value it gets; for an update: what differs. */
  changes: PlanChange[];
  current: { id: string; version: number } | null;
  desired: Desired;
}

/** A channel's own service. */
export interface ServicePlan extends BaseServicePlan<ProvisionedService> {
  channelId: string;
}

/** An organization's service, shared with its channels under its sharing rule. */
export interface OrganizationServicePlan extends BaseServicePlan<ProvisionedOrganizationService> {
  organizationId: string;
  /** Once applied: channels that used this configuration before and no longer do (a change takes it away). */
  losing: string[];
}

/** A channel's own switch for a configuration it inherits; `from` is the switch as it stands without the file's. */
export interface ActivationPlan {
  type: ServiceType;
  path: string;
  organizationId: string;
  action: Action;
  from: boolean;
  to: boolean;
}

export interface OrganizationPlan {
  id: string;
  path: string;
  action: Action;
  changes: PlanChange[];
  current: { version: number } | null;
  desired: ProvisionedOrganization;
  services: OrganizationServicePlan[];
  /** Live configurations of the organization that the file does not declare; left as they are. */
  servicesNotInFile: ServiceType[];
}

export interface ChannelPlan {
  id: string;
  path: string;
  action: Action;
  changes: PlanChange[];
  current: { version: number } | null;
  desired: ProvisionedChannel;
  services: ServicePlan[];
  activations: ActivationPlan[];
  /** Live services of the channel that the file does not declare; left as they are. */
  servicesNotInFile: ServiceType[];
  /** The channel's own switches that the file does not declare; left as they are. */
  activationsNotInFile: { type: ServiceType; active: boolean }[];
  /** Once applied: allowed but worth a look, e.g. Reverse in use beside RMA (the activation rules' warnings). */
  warnings: string[];
}

export interface PlanSummary {
  create: number;
  update: number;
  unchanged: number;
  notInFile: number;
}

export interface Plan {
  organizations: OrganizationPlan[];
  channels: ChannelPlan[];
  /** Organizations in the database that the file does not declare; left as they are. */
  organizationsNotInFile: string[];
  /** Channels in the database that the file does not declare; left as they are. */
  channelsNotInFile: string[];
  summary: PlanSummary;
}
