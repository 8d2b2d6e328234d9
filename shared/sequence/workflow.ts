/**
 * The negotiation workflow: draft → proposed → approved → applied, and superseded once a later negotiation is
 * approved. Pure: the server enforces these rules, the client shows the same reasons on disabled buttons.
 */
export { PARTY_KINDS, type PartyKind } from './compute.ts';

export const NEGOTIATION_STATES = ['draft', 'proposed', 'approved', 'applied', 'superseded'] as const;
export type NegotiationState = (typeof NEGOTIATION_STATES)[number];

/** Where a party's number came from: typed in, read from sequences-info.properties, or fetched from IOM. */
export const PARTY_SOURCES = ['typed', 'sequences-info', 'iom'] as const;
export type PartySource = (typeof PARTY_SOURCES)[number];

export const NEGOTIATION_ACTIONS = ['edit', 'propose', 'approve', 'apply', 'supersede'] as const;
export type NegotiationAction = (typeof NEGOTIATION_ACTIONS)[number];

export interface WorkflowFacts {
  state: NegotiationState;
  proposedById: string | null;
}

/** Why `userId` may not take `action` now, or null when they may. */
export function whyNot(action: NegotiationAction, n: WorkflowFacts, userId: string): string | null {
  const is = `This negotiation is ${n.state}`;
  switch (action) {
    case 'edit':
      return n.state === 'draft' || n.state === 'proposed'
        ? null
        : `${is}: its inputs are fixed once it is approved. Supersede it to negotiate again.`;
    case 'propose':
      return n.state === 'draft' ? null : `${is}; only a draft can be proposed.`;
    case 'approve':
      if (n.state !== 'proposed') return `${is}; only a proposed negotiation can be approved.`;
      return n.proposedById === userId
        ? 'You proposed this negotiation: another admin must approve it (four eyes).'
        : null;
    case 'apply':
      return n.state === 'approved' ? null : `${is}; only an approved negotiation can be marked applied.`;
    case 'supersede':
      return n.state === 'approved' || n.state === 'applied'
        ? null
        : `${is}; only an approved or applied negotiation is superseded — edit this one instead.`;
  }
}

/** Every action with the reason it is not possible for this user, or null. */
export function allowedActions(n: WorkflowFacts, userId: string): Record<NegotiationAction, string | null> {
  return Object.fromEntries(NEGOTIATION_ACTIONS.map((a) => [a, whyNot(a, n, userId)])) as Record<
    NegotiationAction,
    string | null
  >;
}
