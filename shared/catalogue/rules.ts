import { CATALOGUE } from './index.ts';
import type { ServiceType } from './types.ts';

export interface ActivationCheck {
  /** Reasons the type must not become active beside the others; each says what to deactivate. */
  blocking: string[];
  warnings: string[];
}

/**
 * Reverse beside RMA: allowed, because return slips need Reverse, but Intershop advises against it ("They should
 * not be used together", IOM Connector release notes), and the warning says so.
 */
const INTERSHOP_ADVISES_AGAINST = (deprecated: string) =>
  `Intershop advises against using them together. Keep both only if customers need return slips, which only the Reverse service prints; otherwise deactivate ${deprecated}.`;

/**
 * ICM's standard Inventory Service stays shared to the applications when it is only deactivated, and ICM then
 * finds two inventory adapters ("Only one adapter allowed to be executable of InventoryService, but 2 adapters
 * found"): with IOM's Inventory service active, this is a step to take in ICM.
 */
export const UNSHARE_SIMPLE_INVENTORY_SERVICE =
  'In ICM, unshare or delete the standard Inventory Service (SimpleInventoryService): deactivating it is not enough';

/** What activating `type` on a channel whose active types are `active` would conflict with. */
export function checkActivation(type: ServiceType, active: readonly ServiceType[]): ActivationCheck {
  const result: ActivationCheck = { blocking: [], warnings: [] };
  const def = CATALOGUE[type];
  for (const other of active) {
    if (other === type) continue;
    const otherDef = CATALOGUE[other];
    const pair =
      def.replacedBy === other
        ? { deprecated: def, replacement: otherDef, rule: def.besideReplacement }
        : otherDef.replacedBy === type
          ? { deprecated: otherDef, replacement: def, rule: otherDef.besideReplacement }
          : null;
    if (!pair) continue;
    const what = `${pair.deprecated.label} is the deprecated predecessor of ${pair.replacement.label}`;
    if (pair.rule === 'warn') {
      result.warnings.push(
        `${what}; both are active, and ${INTERSHOP_ADVISES_AGAINST(pair.deprecated.label)}`,
      );
    } else {
      result.blocking.push(
        `${what}; they must not both be active. Deactivate ${CATALOGUE[other].label} first${other === pair.deprecated.type ? ' (recommended: keep the current one)' : ''}.`,
      );
    }
  }
  return result;
}

/** Warnings for a set of active types as a whole (shown on the channel). */
export function channelWarnings(active: readonly ServiceType[]): string[] {
  const warnings = new Set<string>();
  for (const type of active) for (const w of checkActivation(type, active).warnings) warnings.add(w);
  return [...warnings];
}

export type FeatureId = 'orderExport' | 'orderHistory' | 'returns' | 'returnSlips' | 'inventory';

export interface FeatureCoverage {
  feature: FeatureId;
  label: string;
  status: 'available' | 'limited' | 'missing';
  /** Active types that provide it. */
  via: ServiceType[];
  /** What is missing or limited, in a sentence; empty when available. */
  detail: string;
  /** What must be done in ICM for the feature to work with these services, one item each. */
  icmChecklist: string[];
}

const has = (active: readonly ServiceType[], ...types: ServiceType[]) =>
  types.filter((t) => active.includes(t));

/** Which shop features work with these active services, after the IOM Connector's rules. */
export function featureCoverage(active: readonly ServiceType[]): FeatureCoverage[] {
  return statusOfFeatures(active).map((c) => ({
    ...c,
    icmChecklist:
      c.feature === 'inventory' && c.status !== 'missing' ? [UNSHARE_SIMPLE_INVENTORY_SERVICE] : [],
  }));
}

type FeatureStatus = Omit<FeatureCoverage, 'icmChecklist'>;

function statusOfFeatures(active: readonly ServiceType[]): FeatureStatus[] {
  const history = has(active, 'order-history');
  const state = has(active, 'order-state');
  const returnsVia = has(active, 'rma', 'reverse');
  const orderHistory: FeatureStatus = history.length
    ? {
        feature: 'orderHistory',
        label: 'Order history, payment status, documents',
        status: 'available',
        via: history,
        detail: '',
      }
    : state.length
      ? {
          feature: 'orderHistory',
          label: 'Order history, payment status, documents',
          status: 'limited',
          via: state,
          detail:
            'Only through the deprecated Order State service, with limitations: activate the Order History service.',
        }
      : {
          feature: 'orderHistory',
          label: 'Order history, payment status, documents',
          status: 'missing',
          via: [],
          detail: 'Needs an active Order History service; until then ICM shows its local data.',
        };
  const exportVia = has(active, 'order-export');
  const legacyExport = has(active, 'order');
  return [
    exportVia.length
      ? { feature: 'orderExport', label: 'Order export', status: 'available', via: exportVia, detail: '' }
      : legacyExport.length
        ? {
            feature: 'orderExport',
            label: 'Order export',
            status: 'limited',
            via: legacyExport,
            detail: 'Only through the deprecated SOAP Order service: activate the Order Export service.',
          }
        : {
            feature: 'orderExport',
            label: 'Order export',
            status: 'missing',
            via: [],
            detail: 'Needs an active Order Export service.',
          },
    orderHistory,
    orderHistory.status !== 'missing' && returnsVia.length
      ? {
          feature: 'returns',
          label: 'Returns',
          status: orderHistory.status,
          via: [...orderHistory.via, ...returnsVia],
          detail: orderHistory.detail,
        }
      : {
          feature: 'returns',
          label: 'Returns',
          status: 'missing',
          via: [],
          detail:
            [
              orderHistory.status === 'missing' ? 'an active Order History service' : '',
              returnsVia.length ? '' : 'an active RMA (or Reverse) service',
            ]
              .filter(Boolean)
              .join(' and ')
              .replace(/^/, 'Needs ') + '.',
        },
    has(active, 'reverse').length && has(active, 'download').length
      ? {
          feature: 'returnSlips',
          label: 'Return slips',
          status: 'available',
          via: has(active, 'reverse', 'download'),
          detail: '',
        }
      : {
          feature: 'returnSlips',
          label: 'Return slips',
          status: 'missing',
          via: [],
          detail: `Needs ${[has(active, 'reverse').length ? '' : 'the Reverse service', has(active, 'download').length ? '' : 'the Download service'].filter(Boolean).join(' and ')} active (RMA cannot print return slips).`,
        },
    has(active, 'inventory').length
      ? {
          feature: 'inventory',
          label: 'Inventory and reservations',
          status: 'available',
          via: ['inventory'],
          detail: '',
        }
      : {
          feature: 'inventory',
          label: 'Inventory and reservations',
          status: 'missing',
          via: [],
          detail: 'Needs an active Inventory service.',
        },
  ];
}
