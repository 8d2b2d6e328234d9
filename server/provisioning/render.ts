import type { Plan, PlanChange, PlanSummary } from './plan.ts';

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

/**
 * The plan as people read it: `+` created, `~` changed (one line per field), `=` unchanged, `?` in the database
 * but not in the file (left as is), `!` a warning about the channel's active services, then a summary line.
 */
export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const channel of plan.channels) {
    const quiet =
      channel.action === 'unchanged' &&
      channel.servicesNotInFile.length === 0 &&
      channel.services.every((s) => s.action === 'unchanged');
    const warnings = channel.warnings.map((w) => `! ${channel.id}: ${w}`);
    if (quiet) {
      lines.push(`= ${channel.id} (unchanged)`, ...warnings);
      continue;
    }
    if (channel.action === 'create') {
      lines.push(`+ channel ${channel.id}`, ...channel.changes.map((c) => `    ${renderValue(c)}`));
    } else if (channel.action === 'update') {
      lines.push(...channel.changes.map((c) => `~ channel ${channel.id}: ${renderChange(c)}`));
    } else {
      lines.push(`= channel ${channel.id} (unchanged)`);
    }
    for (const service of channel.services) {
      const name = `${channel.id}/${service.type}`;
      if (service.action === 'create') {
        lines.push(`+ ${name}`, ...service.changes.map((c) => `    ${renderValue(c)}`));
      } else if (service.action === 'update') {
        lines.push(...service.changes.map((c) => `~ ${name}: ${renderChange(c)}`));
      } else {
        lines.push(`= ${name} (unchanged)`);
      }
    }
    for (const type of channel.servicesNotInFile)
      lines.push(`? ${channel.id}/${type}: not in file, left as is`);
    lines.push(...warnings);
  }
  for (const id of plan.channelsNotInFile) lines.push(`? channel ${id}: not in file, left as is`);
  lines.push(renderSummary(plan.summary));
  return `${lines.join('\n')}\n`;
}
