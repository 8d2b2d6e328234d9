import type { Coverage } from '../providers/types.ts';

export const FEATURES = ['orderExport', 'orderHistory', 'returns', 'returnSlips', 'inventory'] as const;

export const featureChoices = FEATURES.map((id) => ({ id, name: `app.channels.feature.${id}` }));

export const coverageColor = { available: 'success', limited: 'warning', missing: 'error' } as const;

/** One sentence for a tooltip: "Returns: missing. Needs an active RMA (or Reverse) service." */
export function describeCoverage(c: Coverage, status: string): string {
  return `${c.label}: ${status}.${c.detail ? ` ${c.detail}` : ''}${c.via.length ? ` (via ${c.via.join(', ')})` : ''}`;
}
