import { desc, isNotNull } from 'drizzle-orm';
import { serviceConfigs } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/client.ts';
import { EnvError } from '../env.ts';
import { secretContext } from '../services/commands.ts';
import { UndecryptableSecretError, type SecretBox } from './secretBox.ts';

/**
 * Refuses to start with a key that does not open the stored credentials: with a wrong SWITCHBOARD_SECRET_KEY
 * every connectivity test would fail and every arriving order would wait, long after the start that caused
 * it. One credential is tried (the most recently saved, whose key is the one in use); none stored, nothing
 * to check.
 */
export async function assertKeyOpensStoredCredentials(
  db: Db,
  secrets: SecretBox,
  keySource: string,
): Promise<void> {
  const [stored] = await db
    .select({ id: serviceConfigs.id, password: serviceConfigs.passwordEncrypted })
    .from(serviceConfigs)
    .where(isNotNull(serviceConfigs.passwordEncrypted))
    .orderBy(desc(serviceConfigs.updatedAt))
    .limit(1);
  if (!stored?.password) return;
  try {
    secrets.decrypt(stored.password, secretContext(stored.id));
  } catch (error) {
    if (!(error instanceof UndecryptableSecretError)) throw error;
    const from =
      keySource === 'SWITCHBOARD_SECRET_KEY' ? 'SWITCHBOARD_SECRET_KEY' : `the key file ${keySource}`;
    throw new EnvError([
      `SWITCHBOARD_SECRET_KEY: the key (taken from ${from}) does not decrypt the stored IOM credentials ` +
        `(service configuration ${stored.id}). Start with the key they were saved with — every instance needs ` +
        'the same SWITCHBOARD_SECRET_KEY; without it, the key file in DATA_DIR — or restore the key and the ' +
        'database from the same backup.',
    ]);
  }
}
