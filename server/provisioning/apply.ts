import { channels } from '../../drizzle/schema/index.ts';
import { channelWarnings } from '../../shared/catalogue/rules.ts';
import type { Db } from '../db/client.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { channelsLosing } from '../services/rules.ts';
import { effectiveActiveTypes, effectiveForChannels, type ChannelEffective } from '../sharing/effective.ts';
import { unstorableTexts } from '../db/storableText.ts';
import { formatPath, throwIfProblems, type Problem } from './errors.ts';
import { execute } from './execute.ts';
import { checkDocument, type ProvisioningDocument } from './format.ts';
import { interpolate, type EnvMap } from './interpolate.ts';
import { parseProvisioningText } from './parse.ts';
import { buildPlan, type Plan } from './plan.ts';

export { PROVISIONING_ACTOR } from './execute.ts';

const byPath = (a: Problem, b: Problem) => a.path.localeCompare(b.path, 'en', { numeric: true });

/** A problem at `path` covers those below it: a missing variable explains the invalid value it leaves. */
const covers = (path: string, other: string) =>
  other === path || other.startsWith(`${path}.`) || other.startsWith(`${path}[`);

/**
 * A parsed file → the document to apply: `${ENV}` replaced, then everything validated, including text that
 * PostgreSQL cannot store (a NUL character, an unpaired surrogate). Throws a ProvisioningError with every problem found, each at its path.
 */
export function prepareDocument(raw: unknown, env: EnvMap): ProvisioningDocument {
  const interpolated = interpolate(raw, env);
  const unstorable = unstorableTexts(interpolated.value).map((u) => ({
    path: formatPath(u.path),
    message: u.message,
  }));
  const checked = checkDocument(interpolated.value);
  const first = [...interpolated.problems, ...unstorable];
  const problems = [
    ...first,
    ...checked.problems.filter((p) => !first.some((i) => covers(i.path, p.path))),
  ].sort(byPath);
  throwIfProblems(problems);
  if (!checked.document) throw new Error('a document without problems must have been parsed');
  return checked.document;
}

/** A provisioning file's text (YAML or JSON) → the document to apply; see prepareDocument. */
export function loadProvisioningText(text: string, env: EnvMap, filename?: string): ProvisioningDocument {
  return prepareDocument(parseProvisioningText(text, filename), env);
}

/** Channel ids and what each uses, to tell once the plan is applied who lost what and what to look at. */
async function effectiveOfAll(tx: Db) {
  const ids = (await tx.select({ id: channels.id }).from(channels)).map((c) => c.id);
  return effectiveForChannels(tx, ids);
}

/**
 * What the applied plan did to the channels: per organization service changed, the channels that used it and
 * no longer do; per channel, the activation rules' warnings about what it now uses.
 */
function noteOutcome(
  plan: Plan,
  before: Map<string, ChannelEffective>,
  after: Map<string, ChannelEffective>,
) {
  for (const org of plan.organizations) {
    for (const service of org.services) {
      if (service.action === 'update' && service.current)
        service.losing = channelsLosing(service.current.id, before, after);
    }
  }
  for (const channel of plan.channels)
    channel.warnings = channelWarnings(effectiveActiveTypes(after.get(channel.id)));
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
      const built = await buildPlan(tx, secrets, document);
      const before = await effectiveOfAll(tx);
      throwIfProblems((await execute(tx, secrets, built)).sort(byPath));
      noteOutcome(built, before, await effectiveOfAll(tx));
      plan = built;
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
