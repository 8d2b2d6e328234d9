import { createHash, timingSafeEqual } from 'node:crypto';
import type { IomPermission } from '../../shared/iomApi.ts';
import type { ShopConfig, UserConfig } from './config.ts';

export interface SimulatorUser {
  username: string;
  /** The shop IDs the user may use; null = every shop. */
  shopIds: ReadonlySet<number> | null;
  /** The IOM permissions the user holds; null = all of them (the ShopServiceClient role). */
  permissions: ReadonlySet<IomPermission> | null;
  passwordDigest: Buffer;
  usernameDigest: Buffer;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function resolveUsers(users: UserConfig[], shops: ShopConfig[]): SimulatorUser[] {
  return users.map((user) => ({
    username: user.username,
    shopIds:
      user.shops === '*'
        ? null
        : new Set(
            user.shops.flatMap((ref) =>
              shops
                .filter((shop) => (typeof ref === 'number' ? shop.id === ref : shop.name === ref))
                .map((s) => s.id),
            ),
          ),
    permissions: user.permissions ? new Set(user.permissions) : null,
    passwordDigest: digest(user.password),
    usernameDigest: digest(user.username),
  }));
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The user name and password of a Basic `Authorization` header, or null when it is missing or malformed.
 * The credentials are UTF-8; only the first colon separates user name and password (RFC 7617).
 */
export function parseBasicAuth(header: string | undefined): { username: string; password: string } | null {
  if (!header) return null;
  const match = /^Basic[ \t]+(\S+)[ \t]*$/i.exec(header);
  const encoded = match?.[1];
  if (!encoded || encoded.length % 4 !== 0 || !BASE64.test(encoded)) return null;
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The user the header proves, or null. Compares digests in constant time. */
export function authenticate(
  users: readonly SimulatorUser[],
  header: string | undefined,
): SimulatorUser | null {
  const credentials = parseBasicAuth(header);
  if (!credentials) return null;
  const name = digest(credentials.username);
  const password = digest(credentials.password);
  let found: SimulatorUser | null = null;
  for (const user of users) {
    const nameMatches = timingSafeEqual(user.usernameDigest, name);
    const passwordMatches = timingSafeEqual(user.passwordDigest, password);
    if (nameMatches && passwordMatches) found = user;
  }
  return found;
}

export function mayUseShop(user: SimulatorUser, shopId: number): boolean {
  return user.shopIds === null || user.shopIds.has(shopId);
}

export function holdsPermission(user: SimulatorUser, permission: IomPermission): boolean {
  return user.permissions === null || user.permissions.has(permission);
}
