import type { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../drizzle/schema/organizations.ts';
import { isServiceType } from '../../shared/catalogue/index.ts';
import type { ServiceType } from '../../shared/catalogue/types.ts';
import { SHARING_RULES, type SharingRule } from '../../shared/sharing/effective.ts';
import { formatPath } from './errors.ts';

/** What a channel of the file refers to: its organization, the types of its own services, its switches. */
export interface ChannelRefs {
  index: number;
  organization: string;
  services: { index: number; type: ServiceType }[];
  activations: ServiceType[];
}

/**
 * The sharing rule of an organization's configuration of a type: `none` when it has none, undefined when it
 * is not known here (checked elsewhere).
 */
export type RuleLookup = (organizationId: string, type: ServiceType) => SharingRule | 'none' | undefined;

export interface ReferenceIssue {
  path: PropertyKey[];
  message: string;
}

const SWITCHABLE =
  'A channel switches only configurations its organization shares as shared-active or shared-inactive.';

function activationMessage(organization: string, type: ServiceType, rule: SharingRule | 'none'): string {
  if (rule === 'none')
    return `The organization ${organization} has no ${type} service to inherit. ${SWITCHABLE}`;
  if (rule === 'shared-mandatory')
    return `The organization ${organization} shares its ${type} as shared-mandatory: it is always in use and a channel cannot switch it. ${SWITCHABLE}`;
  return `The organization ${organization} does not share its ${type} (unshared). ${SWITCHABLE}`;
}

/**
 * A channel's own service of a type its organization shares as shared-mandatory, and a switch for a type its
 * organization does not share as shared-active or shared-inactive, each at its path.
 */
export function sharingIssues(channels: ChannelRefs[], ruleOf: RuleLookup): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  for (const channel of channels) {
    const org = channel.organization;
    for (const service of channel.services) {
      if (ruleOf(org, service.type) !== 'shared-mandatory') continue;
      issues.push({
        path: ['channels', channel.index, 'services', service.index, 'type'],
        message: `The organization ${org} shares its ${service.type} as shared-mandatory: a channel can neither deactivate nor replace it, so the channel cannot have its own ${service.type} service.`,
      });
    }
    for (const type of channel.activations) {
      const rule = ruleOf(org, type);
      if (rule === undefined || rule === 'shared-active' || rule === 'shared-inactive') continue;
      issues.push({
        path: ['channels', channel.index, 'activations', type],
        message: activationMessage(org, type, rule),
      });
    }
  }
  return issues;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
const isSharingRule = (v: unknown): v is SharingRule => SHARING_RULES.includes(v as SharingRule);

/** Ids that appear twice in a list, at the path of the second one. */
function duplicateIds(list: unknown, what: string, at: (i: number) => PropertyKey[]): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const firstAt = new Map<string, number>();
  asList(list).forEach((item, i) => {
    const id = isRecord(item) ? trimmed(item.id) : undefined;
    if (!id) return;
    const first = firstAt.get(id);
    if (first === undefined) firstAt.set(id, i);
    else
      issues.push({
        path: at(i),
        message: `The ${what} ${id} appears twice (first at ${what === 'channel' ? 'channels' : 'organizations'}[${first}]); ${what} ids are unique.`,
      });
  });
  return issues;
}

/** A second service of a type under one owner (the database holds at most one per owner and type). */
function duplicateTypes(
  owner: Record<string, unknown>,
  kind: 'channel' | 'organization',
  at: PropertyKey[],
): ReferenceIssue[] {
  const label = `${kind} ${trimmed(owner.id) || formatPath(at)}`;
  const issues: ReferenceIssue[] = [];
  const firstAt = new Map<string, number>();
  asList(owner.services).forEach((service, j) => {
    if (!isRecord(service) || typeof service.type !== 'string') return;
    const first = firstAt.get(service.type);
    if (first === undefined) firstAt.set(service.type, j);
    else
      issues.push({
        path: [...at, 'services', j, 'type'],
        message: `The ${label} has a second ${service.type} service (first at services[${first}]); ${kind === 'channel' ? 'a channel' : 'an organization'} has at most one service of each type.`,
      });
  });
  return issues;
}

/** The channels of a file as far as they can be read, for the reference checks. */
export function channelRefsOf(raw: unknown): ChannelRefs[] {
  if (!isRecord(raw)) return [];
  return asList(raw.channels).flatMap((channel, index): ChannelRefs[] => {
    if (!isRecord(channel)) return [];
    const organization =
      channel.organization === undefined ? DEFAULT_ORGANIZATION_ID : trimmed(channel.organization);
    if (!organization) return [];
    const services = asList(channel.services).flatMap((s, j) =>
      isRecord(s) && isServiceType(s.type) ? [{ index: j, type: s.type }] : [],
    );
    const activations = isRecord(channel.activations)
      ? Object.keys(channel.activations).filter(isServiceType)
      : [];
    return [{ index, organization, services, activations }];
  });
}

/** The sharing rules the file declares: organization → type → rule. */
export function declaredRules(raw: unknown): Map<string, Map<ServiceType, SharingRule>> {
  const rules = new Map<string, Map<ServiceType, SharingRule>>();
  if (!isRecord(raw)) return rules;
  for (const organization of asList(raw.organizations)) {
    const id = isRecord(organization) ? trimmed(organization.id) : undefined;
    if (!id || !isRecord(organization) || rules.has(id)) continue;
    const byType = new Map<ServiceType, SharingRule>();
    for (const service of asList(organization.services)) {
      if (isRecord(service) && isServiceType(service.type) && isSharingRule(service.sharing))
        byType.set(service.type, service.sharing);
    }
    rules.set(id, byType);
  }
  return rules;
}

/**
 * What the file alone says about its references: unique ids, one service per type and owner, and channels'
 * services and switches against the sharing rules of the organizations the file declares. Organizations and
 * types the file does not declare are checked against the database when the file is applied.
 */
export function checkReferences(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value)) return;
  const declared = declaredRules(value);
  const issues = [
    ...duplicateIds(value.organizations, 'organization', (i) => ['organizations', i, 'id']),
    ...asList(value.organizations).flatMap((o, i) =>
      isRecord(o) ? duplicateTypes(o, 'organization', ['organizations', i]) : [],
    ),
    ...duplicateIds(value.channels, 'channel', (i) => ['channels', i, 'id']),
    ...asList(value.channels).flatMap((c, i) =>
      isRecord(c) ? duplicateTypes(c, 'channel', ['channels', i]) : [],
    ),
    ...sharingIssues(channelRefsOf(value), (org, type) => declared.get(org)?.get(type)),
  ];
  const at = (issue: ReferenceIssue) => formatPath(issue.path);
  issues.sort((a, b) => at(a).localeCompare(at(b), 'en', { numeric: true }));
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}
