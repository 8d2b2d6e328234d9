import type {
  ActivationPlan,
  ChannelPlan,
  OrganizationPlan,
  Plan,
  PlanChange,
  PlanSummary,
  ServicePlan,
} from './plan.ts';

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (value === '') return '""';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return value.toString();
  return JSON.stringify(value) ?? '';
}

/** `settings.exportTrigger: on-order-creation → scheduled`; a password only as "(changed)", "(set)" or "(cleared)". */
export function renderChange(change: PlanChange): string {
  return `${change.field}: ${change.shown ?? `${show(change.from)} → ${show(change.to)}`}`;
}

/** What a creation sets: `field: value`. */
const renderValue = (change: PlanChange) => `${change.field}: ${change.shown ?? show(change.to)}`;

export function renderSummary(summary: PlanSummary): string {
  const parts = [
    `${summary.create} to create`,
    `${summary.update} to change`,
    `${summary.unchanged} unchanged`,
  ];
  if (summary.notInFile) parts.push(`${summary.notInFile} not in file (left as is)`);
  return parts.join(', ');
}

type Entry = Pick<ServicePlan, 'action' | 'changes'>;

/** `+ name` and the values it gets, `~ name: field: from → to` per change, or `= name (unchanged)`. */
function renderEntry(name: string, entry: Entry): string[] {
  if (entry.action === 'create') return [`+ ${name}`, ...entry.changes.map((c) => `    ${renderValue(c)}`)];
  if (entry.action === 'update') return entry.changes.map((c) => `~ ${name}: ${renderChange(c)}`);
  return [`= ${name} (unchanged)`];
}

const notInFile = (name: string) => `? ${name}: not in file, left as is`;

function renderOrganization(org: OrganizationPlan): string[] {
  const quiet =
    org.action === 'unchanged' &&
    org.servicesNotInFile.length === 0 &&
    org.services.every((s) => s.action === 'unchanged');
  if (quiet) return [`= organization ${org.id} (unchanged)`];
  const lines = renderEntry(`organization ${org.id}`, org);
  for (const service of org.services) {
    const name = `organization ${org.id}/${service.type}`;
    lines.push(...renderEntry(name, service));
    if (service.losing.length) lines.push(`! ${name}: no longer used by ${service.losing.join(', ')}`);
  }
  for (const type of org.servicesNotInFile) lines.push(notInFile(`organization ${org.id}/${type}`));
  return lines;
}

/** A switch: `~ b2c/order-export (inherited from inspired): active: false → true`. */
function renderActivation(channel: ChannelPlan, activation: ActivationPlan): string[] {
  const name = `${channel.id}/${activation.type} (inherited from ${activation.organizationId})`;
  const change = { field: 'active', from: activation.from, to: activation.to };
  return renderEntry(name, { action: activation.action, changes: [change] });
}

function renderChannel(channel: ChannelPlan): string[] {
  const quiet =
    channel.action === 'unchanged' &&
    channel.servicesNotInFile.length === 0 &&
    channel.activationsNotInFile.length === 0 &&
    channel.services.every((s) => s.action === 'unchanged') &&
    channel.activations.every((a) => a.action === 'unchanged');
  const warnings = channel.warnings.map((w) => `! ${channel.id}: ${w}`);
  if (quiet) return [`= ${channel.id} (unchanged)`, ...warnings];
  const lines = renderEntry(`channel ${channel.id}`, channel);
  for (const service of channel.services)
    lines.push(...renderEntry(`${channel.id}/${service.type}`, service));
  for (const activation of channel.activations) lines.push(...renderActivation(channel, activation));
  for (const type of channel.servicesNotInFile) lines.push(notInFile(`${channel.id}/${type}`));
  for (const { type, active } of channel.activationsNotInFile)
    lines.push(
      notInFile(
        `${channel.id}/${type} (inherited from ${channel.desired.organization}) switched ${active ? 'on' : 'off'}`,
      ),
    );
  return [...lines, ...warnings];
}

/**
 * The plan as people read it: `+` created, `~` changed (one line per field), `=` unchanged, `?` in the database
 * but not in the file (left as is), `!` a warning: channels that no longer use an organization's configuration,
 * or the activation rules about what a channel uses. Organizations come first, then channels, then a summary.
 */
export function renderPlan(plan: Plan): string {
  const lines = [...plan.organizations.flatMap(renderOrganization), ...plan.channels.flatMap(renderChannel)];
  for (const id of plan.organizationsNotInFile) lines.push(notInFile(`organization ${id}`));
  for (const id of plan.channelsNotInFile) lines.push(notInFile(`channel ${id}`));
  lines.push(renderSummary(plan.summary));
  return `${lines.join('\n')}\n`;
}
