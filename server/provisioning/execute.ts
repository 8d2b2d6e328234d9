import { and, eq, isNull } from 'drizzle-orm';
import { ZodError } from 'zod';
import { serviceConfigs } from '../../drizzle/schema/index.ts';
import { createChannel, updateChannel, type ChannelActor } from '../channels/commands.ts';
import type { Db } from '../db/client.ts';
import { DomainError, invalid } from '../errors.ts';
import { createOrganization, updateOrganization } from '../organizations/commands.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { createService, updateService } from '../services/commands.ts';
import { setInheritedActive } from '../sharing/activation.ts';
import { ProvisioningError, type Problem } from './errors.ts';
import { problemsOf } from './issues.ts';
import type {
  ActivationPlan,
  ChannelPlan,
  OrganizationPlan,
  OrganizationServicePlan,
  Plan,
  ServicePlan,
} from './plan.ts';

/** Who changes what a provisioning file declares, in the audit log and in `updatedBy`. */
export const PROVISIONING_ACTOR: ChannelActor = { id: null, email: 'provisioning', user: null };

/** The commands' field names that the file spells differently. */
const FILE_KEYS: Record<string, string> = { organizationId: 'organization', sharingRule: 'sharing' };

/**
 * A command's refusal as problems at the path of what it refused, or, with `whole`, at the path itself (a
 * switch has no fields of its own).
 */
function problemsFrom(error: unknown, path: string, whole = false): Problem[] {
  if (error instanceof ProvisioningError) return error.problems;
  if (error instanceof DomainError) {
    const fields = whole ? [] : Object.entries(error.fieldErrors ?? {});
    return fields.length
      ? fields.map(([field, message]) => ({ path: `${path}.${FILE_KEYS[field] ?? field}`, message }))
      : [{ path, message: error.message }];
  }
  if (error instanceof ZodError)
    return problemsOf(error, undefined).map((p) => ({ ...p, path: `${path}.${p.path}` }));
  throw error;
}

async function applyOrganization(tx: Db, organization: OrganizationPlan) {
  const { services: _services, ...fields } = organization.desired;
  if (organization.action === 'create') await createOrganization(tx, PROVISIONING_ACTOR, fields);
  else if (organization.current)
    await updateOrganization(tx, PROVISIONING_ACTOR, { ...fields, version: organization.current.version });
}

async function applyChannel(tx: Db, channel: ChannelPlan) {
  const { services: _services, activations: _activations, organization, ...fields } = channel.desired;
  const values = { ...fields, organizationId: organization };
  if (channel.action === 'create') await createChannel(tx, PROVISIONING_ACTOR, values);
  else if (channel.current)
    await updateChannel(tx, PROVISIONING_ACTOR, { ...values, version: channel.current.version });
}

async function applyService(tx: Db, secrets: SecretBox, service: ServicePlan | OrganizationServicePlan) {
  const { type, clientCertificate, ...fields } = service.desired;
  const { sharing, ...rest } = { sharing: undefined, ...fields };
  // The stored client certificate is written again only when it differs from the file's (the plan compared
  // them), so an unchanged one is neither re-encrypted nor audited as changed.
  const common = service.changes.some((c) => c.field === 'clientCertificate')
    ? { ...rest, clientCertificate }
    : rest;
  const owner =
    'channelId' in service
      ? { channelId: service.channelId }
      : { organizationId: service.organizationId, sharingRule: sharing };
  if (service.action === 'create') {
    await createService(
      tx,
      secrets,
      PROVISIONING_ACTOR,
      { ...common, ...owner, type },
      { provisioned: true },
    );
  } else if (service.current) {
    // The file says what the organization shares: a change that takes it away from channels is intended, and
    // the plan names those channels.
    const sharingChange = 'organizationId' in owner ? { sharingRule: sharing, confirmLoss: true } : {};
    await updateService(
      tx,
      secrets,
      PROVISIONING_ACTOR,
      { ...common, ...sharingChange, id: service.current.id, version: service.current.version },
      { provisioned: true },
    );
  }
}

async function applyActivation(tx: Db, channelId: string, activation: ActivationPlan) {
  const [config] = await tx
    .select({ id: serviceConfigs.id })
    .from(serviceConfigs)
    .where(
      and(
        eq(serviceConfigs.organizationId, activation.organizationId),
        eq(serviceConfigs.type, activation.type),
        isNull(serviceConfigs.deletedAt),
      ),
    );
  if (!config)
    throw invalid(
      'active',
      `The organization ${activation.organizationId} has no ${activation.type} service to inherit.`,
    );
  await setInheritedActive(tx, PROVISIONING_ACTOR, { channelId, configId: config.id, active: activation.to });
}

interface Step {
  phase: number;
  path: string;
  /** Its refusal is reported at its path, not at a field below it. */
  whole?: boolean;
  /** The organization or channel it needs; skipped when that could not be written. */
  needs: string[];
  /** What others need from it. */
  gives: string;
  run: () => Promise<unknown>;
}

/** Neither active nor shared: writing it can take a configuration away, never add one. */
const withdraws = (s: ServicePlan | OrganizationServicePlan) =>
  !s.desired.active || ('organizationId' in s && s.desired.sharing === 'unshared');

/**
 * The order of the writes: organizations before channels, and whatever takes a configuration away (a service
 * deactivated, a configuration unshared, a switch turned off) before whatever adds one, so that a file that
 * swaps a deprecated service for its replacement never has both in use.
 */
function steps(tx: Db, secrets: SecretBox, plan: Plan): Step[] {
  const changing = <T extends { action: string }>(list: T[]) => list.filter((x) => x.action !== 'unchanged');
  const list: Step[] = [];
  for (const org of plan.organizations) {
    const id = `organization ${org.id}`;
    if (org.action !== 'unchanged')
      list.push({ phase: 0, path: org.path, needs: [], gives: id, run: () => applyOrganization(tx, org) });
    for (const s of changing(org.services)) {
      const gives = `${id}/${s.type}`;
      const phase = withdraws(s) ? 1 : 5;
      list.push({ phase, path: s.path, needs: [id], gives, run: () => applyService(tx, secrets, s) });
    }
  }
  for (const channel of plan.channels) {
    const id = `channel ${channel.id}`;
    const org = `organization ${channel.desired.organization}`;
    if (channel.action !== 'unchanged')
      list.push({
        phase: 2,
        path: channel.path,
        needs: [org],
        gives: id,
        run: () => applyChannel(tx, channel),
      });
    for (const s of changing(channel.services)) {
      const phase = withdraws(s) ? 3 : 7;
      list.push({ phase, path: s.path, needs: [id], gives: '', run: () => applyService(tx, secrets, s) });
    }
    for (const a of changing(channel.activations)) {
      const declared = plan.organizations
        .find((o) => o.id === a.organizationId)
        ?.services.find((s) => s.type === a.type);
      // A switch means something only under its configuration's sharing rule: it follows any change of it.
      const later = declared && declared.action !== 'unchanged' && !withdraws(declared);
      const phase = a.to ? 8 : later ? 6 : 4;
      list.push({
        phase,
        path: a.path,
        whole: true,
        needs: [id, `${org}/${a.type}`],
        gives: '',
        run: () => applyActivation(tx, channel.id, a),
      });
    }
  }
  return list.sort((a, b) => a.phase - b.phase);
}

/**
 * Runs a plan through the same commands the admin UI uses, each in a savepoint, collecting every refusal
 * (e.g. an activation conflict) at the path of what it concerns. What depends on a refused write is skipped.
 */
export async function execute(tx: Db, secrets: SecretBox, plan: Plan): Promise<Problem[]> {
  const problems: Problem[] = [];
  const failed = new Set<string>();
  for (const step of steps(tx, secrets, plan)) {
    if (step.needs.some((n) => failed.has(n))) {
      failed.add(step.gives);
      continue;
    }
    try {
      await step.run();
    } catch (error) {
      problems.push(...problemsFrom(error, step.path, step.whole));
      failed.add(step.gives);
    }
  }
  return problems;
}
