#!/usr/bin/env node
// The `switchboard` command. Switchboard runs its TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
