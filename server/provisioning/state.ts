import { isNull } from 'drizzle-orm';
import {
  channels,
  channelServiceActivations,
  organizations,
  serviceConfigs,
} from '../../drizzle/schema/index.ts';
import { upgradeStoredSettings } from '../../shared/catalogue/retired.ts';
import type { ServiceType } from '../../shared/catalogue/types.ts';
import type { Db } from '../db/client.ts';
import type { ServiceRow } from '../services/queries.ts';
import { formatPath, type Problem } from './errors.ts';
import type { ProvisioningDocument } from './format.ts';
import { sharingIssues, type ChannelRefs } from './references.ts';

/** What the database holds that a provisioning file is compared with. */
export interface DbState {
  organizations: (typeof organizations.$inferSelect)[];
  channels: (typeof channels.$inferSelect)[];
  /** Live service configurations, of channels and of organizations. */
  services: ServiceRow[];
  activations: (typeof channelServiceActivations.$inferSelect)[];
}

export async function loadState(db: Db): Promise<DbState> {
  return {
    organizations: await db.select().from(organizations),
    channels: await db.select().from(channels),
    // Compared in the current shape: a configuration stored with a retired setting matches a file that
    // declares its replacement, and applying that file changes nothing.
    services: (await db.select().from(serviceConfigs).where(isNull(serviceConfigs.deletedAt))).map((row) => ({
      ...row,
      settings: upgradeStoredSettings(row.type, row.settings),
    })),
    activations: await db.select().from(channelServiceActivations),
  };
}

export const organizationService = (state: DbState, organizationId: string, type: ServiceType) =>
  state.services.find((s) => s.organizationId === organizationId && s.type === type);

/**
 * What the file refers to but does not declare, checked against the database: a channel's organization must be
 * in the file or in the database; a channel's own services and switches must fit the sharing rules of the
 * organization's configurations that the file leaves as they are.
 */
export function referenceProblems(document: ProvisioningDocument, state: DbState): Problem[] {
  const inFile = new Map(document.organizations.map((o) => [o.id, new Set(o.services.map((s) => s.type))]));
  const inDb = new Set(state.organizations.map((o) => o.id));
  const problems: Problem[] = [];
  document.channels.forEach((channel, i) => {
    if (inFile.has(channel.organization) || inDb.has(channel.organization)) return;
    problems.push({
      path: `channels[${i}].organization`,
      message: `There is no organization ${channel.organization}, neither in the file nor in the database; declare it under organizations: or pick another.`,
    });
  });
  const refs: ChannelRefs[] = document.channels.map((channel, index) => ({
    index,
    organization: channel.organization,
    services: channel.services.map((s, j) => ({ index: j, type: s.type })),
    activations: channel.activations.map((a) => a.type),
  }));
  const issues = sharingIssues(refs, (org, type) => {
    if (inFile.get(org)?.has(type)) return undefined; // checked with the file
    if (!inFile.has(org) && !inDb.has(org)) return undefined; // reported above
    return organizationService(state, org, type)?.sharingRule ?? 'none';
  });
  return [...problems, ...issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))];
}
