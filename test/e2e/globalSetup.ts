import { ensureClientBuild } from '../../server/clientBuild.ts';

/** Browser tests run against the built client; build it once if its sources changed. */
export default async function setup(): Promise<void> {
  await ensureClientBuild((message) => process.stdout.write(`${message}\n`));
}
