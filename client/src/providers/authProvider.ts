import type { AuthProvider } from 'react-admin';
import { canAccessResource } from '../../../shared/access.ts';
import type { Role } from '../../../shared/roles.ts';
import { toHttpError } from './errors.ts';
import { trpcClient } from './trpc.ts';

interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  channels: string[];
  /** The generated first-admin password: the server allows nothing but changing it (see AppLayout). */
  mustChangePassword: boolean;
}

let current: Promise<Me | null> | null = null;

/** Who is signed in, asked once and kept until login or logout. */
function me(): Promise<Me | null> {
  current ??= trpcClient.auth.me.query().then(
    (r) => r.user,
    () => null,
  );
  return current;
}

/** Asks the server again on the next call (after the password changed, the answer differs). */
export function forgetIdentity(): void {
  current = null;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      const { user } = await trpcClient.auth.login.mutate({ email: username, password });
      current = Promise.resolve(user);
    } catch (error) {
      throw toHttpError(error);
    }
  },
  async logout() {
    current = null;
    await trpcClient.auth.logout.mutate().catch(() => undefined);
  },
  async checkAuth() {
    if (!(await me())) {
      current = null;
      throw new Error('Please sign in.');
    }
  },
  checkError(error: { status?: number }) {
    if (error?.status === 401) {
      current = null;
      return Promise.reject(new Error('Your session has ended. Please sign in again.'));
    }
    return Promise.resolve();
  },
  async getIdentity() {
    const user = await me();
    if (!user) throw new Error('Please sign in.');
    return {
      id: user.id,
      fullName: user.name,
      email: user.email,
      role: user.role,
      channels: user.channels,
      mustChangePassword: user.mustChangePassword,
    };
  },
  async getPermissions() {
    return (await me())?.role ?? null;
  },
  async canAccess({ resource, action }: { resource: string; action: string }) {
    const user = await me();
    return user !== null && !user.mustChangePassword && canAccessResource(user.role, resource, action);
  },
};
