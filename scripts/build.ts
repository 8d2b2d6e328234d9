// `npm run build`: builds the web client into dist/client (npm start does this itself when needed).
import { ensureClientBuild } from '../server/clientBuild.ts';

await ensureClientBuild((message) => process.stdout.write(`${message}\n`), { force: true });
process.stdout.write('Built the web client into dist/client.\n');
