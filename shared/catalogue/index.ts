import { download, order, orderState, reverse } from './soap.ts';
import { inventory } from './inventory.ts';
import { orderExport } from './orderExport.ts';
import { orderHistory } from './orderHistory.ts';
import { rma } from './rma.ts';
import { SERVICE_TYPES, type ServiceType, type ServiceTypeDefinition } from './types.ts';

export * from './types.ts';
export type { SettingField } from './fields.ts';

/** The service catalogue: one module per type. A new type is one more module and one more entry here. */
export const CATALOGUE: Record<ServiceType, ServiceTypeDefinition> = {
  'order-export': orderExport,
  'order-history': orderHistory,
  rma,
  inventory,
  order,
  'order-state': orderState,
  reverse,
  download,
};

export function serviceType(type: ServiceType): ServiceTypeDefinition {
  return CATALOGUE[type];
}

export const isServiceType = (value: unknown): value is ServiceType =>
  typeof value === 'string' && (SERVICE_TYPES as readonly string[]).includes(value);

/** The settings a new configuration of this type starts with. */
export function defaultSettings(type: ServiceType): Record<string, unknown> {
  return CATALOGUE[type].settings.parse({});
}

/** The endpoint a new configuration gets from the channel's IOM base URL, e.g. https://iom.example.com/rest/rma. */
export function defaultEndpoint(type: ServiceType, iomBaseUrl: string | null | undefined): string {
  const base = (iomBaseUrl ?? 'https://iom.example.com').replace(/\/+$/, '');
  return `${base}${CATALOGUE[type].defaultPath}`;
}
