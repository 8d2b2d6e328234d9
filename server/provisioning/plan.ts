import { DEFAULT_ORGANIZATION_ID } from '../../drizzle/schema/organizations.ts';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/types.ts';
import type { Db } from '../db/client.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import type { ServiceRow } from '../services/queries.ts';
import { channelChanges, organizationChanges, serviceChanges, type PlanChange } from './changes.ts';
import { throwIfProblems } from './errors.ts';
import type {
  ProvisionedChannel,
  ProvisionedOrganization,
  ProvisionedService,
  ProvisioningDocument,
} from './format.ts';
import type {
  Action,
  ActivationPlan,
  ChannelPlan,
  OrganizationPlan,
  Plan,
  PlanSummary,
} from './plan-types.ts';
import { loadState, organizationService, referenceProblems, type DbState } from './state.ts';

export { PASSWORD_CHANGED, PASSWORD_CLEARED, PASSWORD_SET, type PlanChange } from './changes.ts';
export type * from './plan-types.ts';

const typeOrder = (t: ServiceType) => SERVICE_TYPES.indexOf(t);
const byTypeOrder = (a: ServiceType, b: ServiceType) => typeOrder(a) - typeOrder(b);
const actionOf = (current: unknown, changes: PlanChange[]): Action =>
  !current ? 'create' : changes.length ? 'update' : 'unchanged';

function planServices<D extends ProvisionedService>(
  secrets: SecretBox,
  declared: D[],
  live: ServiceRow[],
  path: string,
) {
  const services = declared.map((desired, j) => {
    const row = live.find((s) => s.type === desired.type);
    const changes = serviceChanges(secrets, desired, row);
    return {
      type: desired.type,
      path: `${path}.services[${j}]`,
      action: actionOf(row, changes),
      changes,
      current: row ? { id: row.id, version: row.version } : null,
      desired,
    };
  });
  const notInFile = live
    .map((s) => s.type)
    .filter((t) => !declared.some((s) => s.type === t))
    .sort(byTypeOrder);
  return { services, notInFile };
}

function planOrganization(secrets: SecretBox, state: DbState, desired: ProvisionedOrganization, i: number) {
  const current = state.organizations.find((o) => o.id === desired.id);
  const changes = organizationChanges(desired, current);
  const path = `organizations[${i}]`;
  const live = state.services.filter((s) => s.organizationId === desired.id);
  const { services, notInFile } = planServices(secrets, desired.services, live, path);
  return {
    id: desired.id,
    path,
    action: actionOf(current, changes),
    changes,
    current: current ? { version: current.version } : null,
    desired,
    services: services.map((s) => ({ ...s, organizationId: desired.id, losing: [] })),
    servicesNotInFile: notInFile,
  } satisfies OrganizationPlan;
}

/**
 * The configuration of a type that the channel inherits once the file's organizations are applied: its sharing
 * rule, and the channel's stored switch for it, if any.
 */
function inherited(
  state: DbState,
  organizations: OrganizationPlan[],
  channel: ProvisionedChannel,
  type: ServiceType,
) {
  const org = channel.organization;
  const declared = organizations.find((o) => o.id === org)?.services.find((s) => s.type === type);
  const live = organizationService(state, org, type);
  const rule = declared ? declared.desired.sharing : live?.sharingRule;
  const configId = declared ? declared.current?.id : live?.id;
  const row = state.activations.find((a) => a.channelId === channel.id && a.configId === configId);
  return { rule, row, byDefault: rule === 'shared-active' };
}

/** A switch compared with what the channel has once the file's organizations are applied. */
function planActivations(
  state: DbState,
  organizations: OrganizationPlan[],
  channel: ProvisionedChannel,
  i: number,
  channelAction: Action,
): ActivationPlan[] {
  const org = channel.organization;
  return channel.activations.map(({ type, active }) => {
    const { row, byDefault } = inherited(state, organizations, channel, type);
    const from = row ? row.active : byDefault;
    return {
      type,
      path: `channels[${i}].activations.${type}`,
      organizationId: org,
      action: from === active ? 'unchanged' : channelAction === 'create' ? 'create' : 'update',
      from,
      to: active,
    };
  });
}

function planChannel(
  secrets: SecretBox,
  state: DbState,
  organizations: OrganizationPlan[],
  desired: ProvisionedChannel,
  i: number,
): ChannelPlan {
  const current = state.channels.find((c) => c.id === desired.id);
  const changes = channelChanges(desired, current);
  const action = actionOf(current, changes);
  const path = `channels[${i}]`;
  const live = state.services.filter((s) => s.channelId === desired.id);
  const { services, notInFile } = planServices(secrets, desired.services, live, path);
  return {
    id: desired.id,
    path,
    action,
    changes,
    current: current ? { version: current.version } : null,
    desired,
    services: services.map((s) => ({ ...s, channelId: desired.id })),
    activations: planActivations(state, organizations, desired, i, action),
    servicesNotInFile: notInFile,
    activationsNotInFile: SERVICE_TYPES.filter((t) => !desired.activations.some((a) => a.type === t)).flatMap(
      (type) => {
        const { rule, row, byDefault } = inherited(state, organizations, desired, type);
        const switchable = rule === 'shared-active' || rule === 'shared-inactive';
        return switchable && row && row.active !== byDefault ? [{ type, active: row.active }] : [];
      },
    ),
    warnings: [],
  };
}

function summarize(plan: Omit<Plan, 'summary'>): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, unchanged: 0, notInFile: 0 };
  const actions = [
    ...plan.organizations.flatMap((o) => [o.action, ...o.services.map((s) => s.action)]),
    ...plan.channels.flatMap((c) => [
      c.action,
      ...c.services.map((s) => s.action),
      ...c.activations.map((a) => a.action),
    ]),
  ];
  for (const action of actions) summary[action] += 1;
  summary.notInFile =
    plan.organizationsNotInFile.length +
    plan.channelsNotInFile.length +
    [...plan.organizations, ...plan.channels].reduce((n, owner) => n + owner.servicesNotInFile.length, 0) +
    plan.channels.reduce((n, channel) => n + channel.activationsNotInFile.length, 0);
  return summary;
}

/**
 * What applying the document would change: per organization, channel, service and switch create, update (with
 * field-level changes) or unchanged, and what the database has that the file does not mention (nothing is ever
 * deleted). Values are compared normalised, as the commands store them, so an applied file plans as all
 * unchanged. Throws a ProvisioningError when the file refers to an organization or configuration that is not
 * there, or one whose sharing rule forbids what the file asks.
 */
export async function buildPlan(db: Db, secrets: SecretBox, document: ProvisioningDocument): Promise<Plan> {
  const state = await loadState(db);
  throwIfProblems(referenceProblems(document, state));
  const organizations = document.organizations.map((o, i) => planOrganization(secrets, state, o, i));
  const channels = document.channels.map((c, i) => planChannel(secrets, state, organizations, c, i));
  const declaredOrgs = new Set(document.organizations.map((o) => o.id));
  const declaredChannels = new Set(document.channels.map((c) => c.id));
  // The default organization is always there; it is worth a mention only when it shares configurations.
  const organizationsNotInFile = state.organizations
    .map((o) => o.id)
    .filter((id) => !declaredOrgs.has(id))
    .filter((id) => id !== DEFAULT_ORGANIZATION_ID || state.services.some((s) => s.organizationId === id))
    .sort();
  const channelsNotInFile = state.channels
    .map((c) => c.id)
    .filter((id) => !declaredChannels.has(id))
    .sort();
  const plan = { organizations, channels, organizationsNotInFile, channelsNotInFile };
  return { ...plan, summary: summarize(plan) };
}

/** Whether applying the plan changes nothing. */
export const isUnchanged = (plan: Plan) => plan.summary.create === 0 && plan.summary.update === 0;
