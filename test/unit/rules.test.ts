import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  channelWarnings,
  checkActivation,
  featureCoverage,
  UNSHARE_SIMPLE_INVENTORY_SERVICE,
} from '../../shared/catalogue/rules.ts';
import { SERVICE_TYPES, type ServiceType } from '../../shared/catalogue/types.ts';

const status = (active: ServiceType[], feature: string) =>
  featureCoverage(active).find((f) => f.feature === feature)?.status;

describe('activation rules', () => {
  it('blocks a deprecated type beside its replacement, both ways, naming what to deactivate', () => {
    const a = checkActivation('order', ['order-export']);
    expect(a.blocking[0]).toContain('Deactivate IOM Order Export Service first');
    const b = checkActivation('order-export', ['order']);
    expect(b.blocking[0]).toContain('Deactivate IOM Order Service (SOAP) first');
    expect(checkActivation('order-history', ['order-state']).blocking).toHaveLength(1);
  });

  it('only warns for Reverse beside RMA, saying that Intershop advises against using them together', () => {
    const warning =
      'IOM Reverse Service (SOAP) is the deprecated predecessor of IOM RMA Service; both are active, and Intershop advises against using them together. Keep both only if customers need return slips, which only the Reverse service prints; otherwise deactivate IOM Reverse Service (SOAP).';
    expect(checkActivation('rma', ['reverse'])).toEqual({ blocking: [], warnings: [warning] });
    expect(checkActivation('reverse', ['rma'])).toEqual({ blocking: [], warnings: [warning] });
    expect(channelWarnings(['reverse', 'rma', 'order-history'])).toEqual([warning]);
    expect(channelWarnings(['reverse', 'order-history'])).toEqual([]);
  });

  it('never blocks a type against unrelated types', () => {
    fc.assert(
      fc.property(fc.subarray([...SERVICE_TYPES]), fc.constantFrom(...SERVICE_TYPES), (active, type) => {
        const related = new Set<ServiceType>(
          ({
            order: ['order-export'],
            'order-export': ['order'],
            'order-state': ['order-history'],
            'order-history': ['order-state'],
          }[type as 'order'] as ServiceType[]) ?? [],
        );
        const expected = active.filter((t) => related.has(t)).length;
        expect(checkActivation(type, active).blocking).toHaveLength(expected);
      }),
    );
  });
});

describe('feature coverage', () => {
  it('needs order history for history, payments and documents; order-state is limited', () => {
    expect(status([], 'orderHistory')).toBe('missing');
    expect(status(['order-state'], 'orderHistory')).toBe('limited');
    expect(status(['order-history'], 'orderHistory')).toBe('available');
  });

  it('needs history plus RMA or Reverse for returns', () => {
    expect(status(['rma'], 'returns')).toBe('missing');
    expect(status(['order-history'], 'returns')).toBe('missing');
    expect(status(['order-history', 'rma'], 'returns')).toBe('available');
    expect(status(['order-state', 'reverse'], 'returns')).toBe('limited');
    expect(featureCoverage(['rma']).find((f) => f.feature === 'returns')?.detail).toBe(
      'Needs an active Order History service.',
    );
  });

  it('needs Reverse and Download for return slips; RMA cannot', () => {
    expect(status(['rma', 'download'], 'returnSlips')).toBe('missing');
    expect(status(['reverse', 'download'], 'returnSlips')).toBe('available');
  });

  it('covers export and inventory by their types, the SOAP order service only limited', () => {
    expect(status(['order-export'], 'orderExport')).toBe('available');
    expect(status(['order'], 'orderExport')).toBe('limited');
    expect(status(['inventory'], 'inventory')).toBe('available');
  });

  it('asks for ICM’s standard Inventory Service to be unshared or deleted exactly when IOM’s is active', () => {
    expect(UNSHARE_SIMPLE_INVENTORY_SERVICE).toBe(
      'In ICM, unshare or delete the standard Inventory Service (SimpleInventoryService): deactivating it is not enough',
    );
    fc.assert(
      fc.property(fc.subarray([...SERVICE_TYPES]), (active) => {
        for (const c of featureCoverage(active))
          expect(c.icmChecklist).toEqual(
            c.feature === 'inventory' && active.includes('inventory')
              ? [UNSHARE_SIMPLE_INVENTORY_SERVICE]
              : [],
          );
      }),
    );
  });

  it('always reports all five features, and "available" only with something that provides it', () => {
    fc.assert(
      fc.property(fc.subarray([...SERVICE_TYPES]), (active) => {
        const coverage = featureCoverage(active);
        expect(coverage.map((c) => c.feature)).toEqual([
          'orderExport',
          'orderHistory',
          'returns',
          'returnSlips',
          'inventory',
        ]);
        for (const c of coverage) {
          if (c.status === 'missing') expect(c.detail).toMatch(/^Needs /);
          else expect(c.via.every((t) => active.includes(t))).toBe(true);
        }
      }),
    );
  });
});
