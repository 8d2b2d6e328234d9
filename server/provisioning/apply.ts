import { ZodError } from 'zod';
import { createChannel, updateChannel, type ChannelActor } from '../channels/commands.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { createService, updateService } from '../services/commands.ts';
import { ProvisioningError, throwIfProblems, type Problem } from './errors.ts';
import { checkDocument, problemsOf, type ProvisioningDocument } from './format.ts';
import { interpolate, type EnvMap } from './interpolate.ts';
import { parseProvisioningText } from './parse.ts';
import { buildPlan, type ChannelPlan, type Plan, type ServicePlan } from './plan.ts';

/** Who changes what a provisioning file declares, in the audit log and in `updatedBy`. */
export const PROVISIONING_ACTOR: ChannelActor = { id: null, email: 'provisioning', user: null };

const byPath = (a: Problem, b: Problem) => a.path.localeCompare(b.path, 'en', { numeric: true });

/** A problem at `path` covers those below it: a missing variable explains the invalid value it leaves. */
const covers = (path: string, other: string) =>
  other === path || other.startsWith(`${path}.`) || other.startsWith(`${path}[`);

/**
 * A parsed file → the document to apply: `${ENV}` replaced, then everything validated. Throws a
 * ProvisioningError with every problem found, each at its path.
 */
export function prepareDocument(raw: unknown, env: EnvMap): ProvisioningDocument {
  const interpolated = interpolate(raw, env);
  const checked = checkDocument(interpolated.value);
  const problems = [
    ...interpolated.problems,
    ...checked.problems.filter((p) => !interpolated.problems.some((i) => covers(i.path, p.path))),
  ].sort(byPath);
  throwIfProblems(problems);
  if (!checked.document) throw new Error('a document without problems must have been parsed');
  return checked.document;
}

/** A provisioning file's text (YAML or JSON) → the document to apply; see prepareDocument. */
export function loadProvisioningText(text: string, env: EnvMap, filename?: string): ProvisioningDocument {
  return prepareDocument(parseProvisioningText(text, filename), env);
}

/** A command's refusal as problems at the path of what it refused. */
function problemsFrom(error: unknown, path: string): Problem[] {
  if (error instanceof ProvisioningError) return error.problems;
  if (error instanceof DomainError) {
    const fields = Object.entries(error.fieldErrors ?? {});
    return fields.length
      ? fields.map(([field, message]) => ({ path: `${path}.${field}`, message }))
      : [{ path, message: error.message }];
  }
  if (error instanceof ZodError)
    return problemsOf(error, undefined).map((p) => ({ ...p, path: `${path}.${p.path}` }));
  throw error;
}

async function applyChannel(tx: Db, channel: ChannelPlan) {
  const { services: _services, ...fields } = channel.desired;
  if (channel.action === 'create') await createChannel(tx, PROVISIONING_ACTOR, fields);
  else if (channel.action === 'update' && channel.current) {
    await updateChannel(tx, PROVISIONING_ACTOR, { ...fields, version: channel.current.version });
  }
}

async function applyService(tx: Db, secrets: SecretBox, service: ServicePlan) {
  const { type, ...fields } = service.desired;
  if (service.action === 'create') {
    await createService(
      tx,
      secrets,
      PROVISIONING_ACTOR,
      { ...fields, channelId: service.channelId, type },
      { provisioned: true },
    );
  } else if (service.action === 'update' && service.current) {
    await updateService(
      tx,
      secrets,
      PROVISIONING_ACTOR,
      { ...fields, id: service.current.id, version: service.current.version },
      { provisioned: true },
    );
  }
}

/**
 * Runs a plan through the same commands the admin UI uses, each in a savepoint, collecting every refusal
 * (e.g. an activation conflict) at the path of the channel or service it concerns.
 */
async function execute(tx: Db, secrets: SecretBox, plan: Plan): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const channel of plan.channels) {
    try {
      await applyChannel(tx, channel);
    } catch (error) {
      problems.push(...problemsFrom(error, channel.path));
      continue;
    }
    // Deactivations first, so a file that swaps a deprecated service for its replacement never has both active.
    const ordered = [...channel.services].sort((a, b) => Number(a.desired.active) - Number(b.desired.active));
    for (const service of ordered) {
      try {
        await applyService(tx, secrets, service);
      } catch (error) {
        problems.push(...problemsFrom(error, service.path));
      }
    }
  }
  return problems.sort(byPath);
}

class DryRunRollback extends Error {}

export interface ApplyOptions {
  /** Plans and tries everything, then rolls back: refusals are reported, nothing is changed. */
  dryRun?: boolean;
}

/**
 * Applies a validated document in one transaction, all or nothing: a ProvisioningError lists every refusal
 * and nothing is changed. Returns the plan that was applied (or, with dryRun, would be).
 */
export async function applyDocument(
  db: Db,
  secrets: SecretBox,
  document: ProvisioningDocument,
  options: ApplyOptions = {},
): Promise<Plan> {
  let plan: Plan | undefined;
  try {
    await db.transaction(async (tx) => {
      plan = await buildPlan(tx, secrets, document);
      throwIfProblems(await execute(tx, secrets, plan));
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!plan) throw new Error('the plan was not built');
  return plan;
}

/** Parses, interpolates, validates and applies a provisioning file's text; see applyDocument. */
export async function applyProvisioning(
  db: Db,
  secrets: SecretBox,
  text: string,
  options: ApplyOptions & { env: EnvMap; filename?: string },
): Promise<Plan> {
  return applyDocument(db, secrets, loadProvisioningText(text, options.env, options.filename), options);
}
