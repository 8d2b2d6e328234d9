import { lookup } from 'node:dns/promises';
import type { Env } from '../env.ts';
import { createOutboundPolicy } from '../outbound/policy.ts';
import type { ProbeEnvironment } from '../probe/types.ts';

/** The outbound policy from SWITCHBOARD_OUTBOUND_ALLOW and the system's DNS. */
export function probeEnvironmentFrom(env: Pick<Env, 'SWITCHBOARD_OUTBOUND_ALLOW'>): ProbeEnvironment {
  return {
    policy: createOutboundPolicy(env.SWITCHBOARD_OUTBOUND_ALLOW),
    resolve: (hostname) => lookup(hostname, { all: true, verbatim: true }),
  };
}
