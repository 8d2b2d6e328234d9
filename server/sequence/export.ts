import { changeText } from '../../shared/sequence/trail.ts';
import type { Db } from '../db/client.ts';
import { getNegotiationRecord, type NegotiationRecord } from './queries.ts';

export interface NegotiationExport {
  filename: string;
  mediaType: string;
  content: string;
}

/** JSON has no bigint and no Date: numbers become digit strings (exact), times ISO strings. */
const plain = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

const when = (d: Date | null) => (d ? d.toISOString() : null);

function recordOf(n: NegotiationRecord, exportedBy: string) {
  return {
    record: 'switchboard.sequence-negotiation',
    exportedAt: new Date().toISOString(),
    exportedBy,
    negotiation: {
      id: n.id,
      number: n.number,
      title: n.title,
      state: n.state,
      start: n.start,
      blockSize: n.blockSize,
      blockSizeSource: n.blockSizeSource,
      newBlockSize: n.computation.newBlockSize,
      prefix: n.prefix,
      note: n.note,
      supersedes: n.supersedes,
      supersededBy: n.supersededBy,
    },
    parties: n.parties.map((p) => ({
      kind: p.kind,
      name: p.name,
      channelId: p.channelId,
      largest: p.largest,
      entered: p.entered,
      source: p.source,
      evidence: p.evidence,
      enteredBy: p.enteredBy,
      enteredAt: when(p.enteredAt),
    })),
    computation: n.computation,
    workflow: {
      created: { by: n.createdBy, at: when(n.createdAt) },
      proposed: n.proposedAt ? { by: n.proposedBy, at: when(n.proposedAt) } : null,
      approved: n.approvedAt ? { by: n.approvedBy, at: when(n.approvedAt) } : null,
      applied: n.appliedAt ? { by: n.appliedBy, at: when(n.appliedAt), note: n.appliedNote } : null,
      superseded: n.supersededAt ? { at: when(n.supersededAt), by: n.supersededBy } : null,
    },
    trail: n.trail.map((t) => ({ at: when(t.at), by: t.actorEmail, action: t.action, changes: t.changes })),
  };
}

const cell = (v: string | null) => (v ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fence = (lang: string, text: string) => ['```' + lang, text, '```'].join('\n');

function markdownOf(n: NegotiationRecord, exportedBy: string): string {
  const c = n.computation;
  const step = (what: string, by: string | null, at: Date | null, extra = '') =>
    at ? [`- ${what} by ${by ?? '—'} at ${at.toISOString()}${extra}`] : [];
  return [
    `# Order-number negotiation #${n.number}: ${n.title}`,
    '',
    `State: **${n.state}** · Start of ICM's sequence: \`${n.start}\``,
    '',
    '## Inputs',
    '',
    '| Party | Largest number | As entered | Source | Entered by | When |',
    '| --- | --- | --- | --- | --- | --- |',
    ...n.parties.map(
      (p) =>
        `| ${cell(p.name)}${p.channelId ? ` (${cell(p.channelId)})` : ''} | ${p.largest} | ${cell(p.entered)} | ${p.source} | ${cell(p.enteredBy)} | ${p.enteredAt.toISOString()} |`,
    ),
    '',
    `Block size: ${n.blockSize} (${n.blockSizeSource})${c.newBlockSize ? ` · New block size from the start on: ${c.newBlockSize}` : ''} · Prefix: ${n.prefix ?? 'none'}`,
    ...(n.note ? ['', `Note: ${n.note}`] : []),
    '',
    '## Computation',
    '',
    ...c.explanation.map((line) => `- ${line}`),
    ...c.notes.map((line) => `- Note: ${line}`),
    ...c.warnings.map((line) => `- Warning: ${line}`),
    '',
    '## Outputs',
    '',
    fence('properties', c.outputs.propertyLine),
    '',
    'database.properties (in <server-installation-dir>/share/system/config/cluster):',
    '',
    fence('properties', c.outputs.databaseProperties),
    '',
    `Warning: ${c.outputs.spellingWarning}`,
    '',
    'Deployment (settings.gradle of the assembly):',
    '',
    fence('groovy', c.outputs.deployment),
    '',
    '## Workflow',
    '',
    ...step('Created', n.createdBy, n.createdAt),
    ...step('Proposed', n.proposedBy, n.proposedAt),
    ...step('Approved', n.approvedBy, n.approvedAt),
    ...step('Applied', n.appliedBy, n.appliedAt, n.appliedNote ? ` — ${n.appliedNote}` : ''),
    ...(n.supersededAt
      ? [`- Superseded at ${n.supersededAt.toISOString()} by #${n.supersededBy?.number ?? '?'}`]
      : []),
    '',
    '## Trail (audit log)',
    '',
    '| When | Who | Action | Changes |',
    '| --- | --- | --- | --- |',
    ...n.trail.map(
      (t) =>
        `| ${t.at.toISOString()} | ${cell(t.actorEmail)} | ${t.action} | ${cell(t.changes.map(changeText).join('; '))} |`,
    ),
    '',
    `Exported by ${exportedBy} at ${new Date().toISOString()}.`,
    '',
  ].join('\n');
}

/** The negotiation as a record to keep or send: JSON for programs, Markdown for people. */
export async function exportNegotiation(
  db: Db,
  id: string,
  format: 'json' | 'markdown',
  exportedBy: string,
): Promise<NegotiationExport> {
  const record = await getNegotiationRecord(db, id);
  const base = `sequence-negotiation-${record.number}`;
  return format === 'json'
    ? {
        filename: `${base}.json`,
        mediaType: 'application/json',
        content: `${JSON.stringify(recordOf(record, exportedBy), plain, 2)}\n`,
      }
    : { filename: `${base}.md`, mediaType: 'text/markdown', content: markdownOf(record, exportedBy) };
}
