import { SERVICE_TYPES } from '../../shared/catalogue/types.ts';

/** The keys each level of the file takes, in the order export writes them. */
export const FILE_KEYS = ['organizations', 'channels'] as const;
export const ORGANIZATION_KEYS = ['id', 'name', 'description', 'services'] as const;
export const CHANNEL_KEYS = [
  'id',
  'name',
  'iomShopId',
  'iomShopName',
  'iomBaseUrl',
  'description',
  'organization',
  'services',
  'activations',
] as const;
export const SERVICE_KEYS = [
  'type',
  'name',
  'endpoint',
  'username',
  'password',
  'active',
  'timeoutMs',
  'trustedCertificateSha256',
  'clientCertificate',
  'settings',
] as const;
export const ORGANIZATION_SERVICE_KEYS = ['type', 'sharing', ...SERVICE_KEYS.slice(1)] as const;

export const serviceTypeList = SERVICE_TYPES.join(', ');
