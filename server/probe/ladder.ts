import {
  PROBE_STEPS,
  type ProbeOutcome,
  type ProbeResult,
  type ProbeStep,
  type ProbeStepName,
} from '../../shared/probe.ts';
import { clientCertificateSummary, clientCertificateWarning } from '../../shared/clientCertificate.ts';
import { checkAddress, checkScheme } from '../outbound/policy.ts';
import { basicAuth, httpGet, httpRequest, judgeAnswer, probeCalls, provenMessage } from './application.ts';
import { clientCertificateProblem } from './clientCertificate.ts';
import { StepTimeout, tcpConnect, tlsHandshake } from './network.ts';
import type { ProbeEnvironment, ProbeTarget } from './types.ts';

const EXPIRY_WARNING_DAYS = 30;

class StepFailure extends Error {
  constructor(
    readonly outcome: ProbeOutcome,
    message: string,
  ) {
    super(message);
  }
}

const networkMessage = (error: unknown, host: string, port: number, timeoutMs: number): StepFailure => {
  if (
    error instanceof StepTimeout ||
    ['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(
      (error as { code?: string }).code ?? '',
    ) ||
    (error as Error).name === 'TimeoutError'
  ) {
    return new StepFailure(
      'timeout',
      `${host}:${port} did not answer within ${timeoutMs} ms: the host is slow, down, or a firewall drops the traffic.`,
    );
  }
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ECONNREFUSED')
    return new StepFailure(
      'unreachable',
      `Nothing accepts connections on ${host}:${port}: check the port in the endpoint, and that IOM runs.`,
    );
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return new StepFailure(
      'unreachable',
      `${host}:${port} closed the connection: a proxy or firewall may be in the way.`,
    );
  if (code === 'ERR_TLS_UNTRUSTED') return new StepFailure('tls_error', (error as Error).message);
  if (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /SSL|TLS|certificate/i.test(String((error as Error).message))
  ) {
    return new StepFailure(
      'tls_error',
      `The TLS handshake with ${host}:${port} failed: ${(error as Error).message}. Is it really https on that port?`,
    );
  }
  return new StepFailure('unreachable', `Cannot reach ${host}:${port}: ${(error as Error).message || code}.`);
};

/**
 * Tests a configuration step by step — policy, DNS, TCP, TLS, the type's IOM call, IOM's health — and says
 * which step failed and what to do. The whole ladder shares the configuration's timeout, so a hanging host
 * costs at most that. DNS is asked once; every later step connects to the address it vetted.
 */
export async function runProbe(target: ProbeTarget, env: ProbeEnvironment): Promise<ProbeResult> {
  const started = performance.now();
  const deadline = started + target.timeoutMs;
  const remaining = () => Math.max(1, Math.round(deadline - performance.now()));
  const steps: ProbeStep[] = [];
  let failure: StepFailure | null = null;

  const step = async (
    name: ProbeStepName,
    work: () => Promise<Omit<ProbeStep, 'step' | 'ms'>>,
    evenAfter: ProbeOutcome[] = [],
  ) => {
    const t0 = performance.now();
    if (failure && !evenAfter.includes(failure.outcome)) {
      steps.push({ step: name, status: 'skipped', ms: 0, detail: 'Not run: an earlier step failed.' });
      return;
    }
    try {
      steps.push({ step: name, ms: Math.round(performance.now() - t0), ...(await work()) });
    } catch (error) {
      failure ??=
        error instanceof StepFailure ? error : new StepFailure('unreachable', (error as Error).message);
      steps.push({
        step: name,
        status: 'failed',
        ms: Math.round(performance.now() - t0),
        detail: failure.message,
      });
    }
    const last = steps[steps.length - 1];
    if (last) last.ms = Math.round(performance.now() - t0);
  };

  let url: URL | null = null;
  let address = '';
  let port = 0;
  const hostname = () => (url ? url.hostname.replace(/^\[|\]$/g, '') : '');

  await step('policy', () => {
    try {
      url = new URL(target.endpoint);
    } catch {
      throw new StepFailure(
        'blocked',
        `The endpoint "${target.endpoint}" is not a URL; use https://<iom-host>/… .`,
      );
    }
    const scheme = checkScheme(url);
    if (!scheme.allowed) throw new StepFailure('blocked', scheme.reason);
    port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    return Promise.resolve({ status: 'ok' as const, detail: `${url.protocol}//${url.host}` });
  });

  await step('dns', async () => {
    const host = hostname();
    let addresses: { address: string; family: number }[];
    if (/^[\d.]+$/.test(host) || host.includes(':'))
      addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
    else {
      try {
        addresses = await env.resolve(host);
      } catch (error) {
        throw new StepFailure(
          'unreachable',
          `The host name ${host} does not resolve (${(error as { code?: string }).code ?? 'DNS error'}): check it for typos, or the DNS of this server.`,
        );
      }
    }
    const first = addresses[0];
    if (!first) throw new StepFailure('unreachable', `The host name ${host} resolves to no address.`);
    const verdict = checkAddress(env.policy, host, first.address);
    if (!verdict.allowed) throw new StepFailure('blocked', verdict.reason);
    address = first.address;
    return { status: 'ok', detail: `${host} → ${address}`, data: { address } };
  });

  await step('tcp', async () => {
    try {
      await tcpConnect(address, port, remaining());
    } catch (error) {
      throw networkMessage(error, hostname(), port, target.timeoutMs);
    }
    return { status: 'ok', detail: `connected to ${address}:${port}` };
  });

  const pinned = () => ({
    address,
    hostname: hostname(),
    trustedCertificateSha256: target.trustedCertificateSha256,
    clientCertificate: target.clientCertificate ?? null,
  });
  /** A network error as a step failure; one about client certificates says so. */
  const failureOf = (error: unknown) => {
    const certificate = clientCertificateProblem(error, hostname(), port, target);
    return certificate
      ? new StepFailure('tls_error', certificate)
      : networkMessage(error, hostname(), port, target.timeoutMs);
  };
  if (url && (url as URL).protocol !== 'https:') {
    steps.push({
      step: 'tls',
      status: 'skipped',
      ms: 0,
      detail: `Plain http: no TLS. Credentials travel unencrypted; prefer https.${target.clientCertificate ? ' The client certificate is not used without TLS.' : ''}`,
    });
  } else {
    await step('tls', async () => {
      let facts;
      try {
        facts = await tlsHandshake(pinned(), port, remaining());
      } catch (error) {
        throw failureOf(error);
      }
      const data = {
        subject: facts.subject,
        issuer: facts.issuer,
        validTo: facts.validTo,
        daysToExpiry: facts.daysToExpiry,
        selfSigned: facts.selfSigned,
        sha256: facts.sha256,
      };
      if (facts.daysToExpiry < 0)
        throw new StepFailure(
          'tls_error',
          `The certificate of ${hostname()} expired on ${facts.validTo.slice(0, 10)}: IOM's operators must renew it.`,
        );
      if (facts.problem) throw new StepFailure('tls_error', facts.problem);
      const soon = facts.daysToExpiry <= (env.expiryWarningDays ?? EXPIRY_WARNING_DAYS);
      const client = target.clientCertificate
        ? clientCertificateWarning(target.clientCertificateExpiresAt ?? null, new Date())
        : null;
      const presented = target.clientCertificate
        ? `; client certificate ${clientCertificateSummary(target.clientCertificateSubject ?? null, target.clientCertificateExpiresAt ?? null)}, presented when IOM asks${client ? `. ${client}` : ''}`
        : '';
      return {
        status: soon || client ? 'warning' : 'ok',
        detail: `${facts.subject}, issued by ${facts.issuer}${target.trustedCertificateSha256 ? ' (pinned)' : ''}; ${soon ? `expires in ${facts.daysToExpiry} days — ask IOM's operators to renew it` : `valid for ${facts.daysToExpiry} more days`}${presented}`,
        data: target.clientCertificate
          ? { ...data, clientCertificate: target.clientCertificateSubject ?? 'configured' }
          : data,
      };
    });
  }

  let outcome: ProbeOutcome = 'ok';
  let message = '';
  await step('application', async () => {
    // The calls run one after the other; the first that IOM does not answer as hoped ends the step.
    const calls = probeCalls(target);
    const done: string[] = [];
    for (const call of calls) {
      let answer;
      try {
        answer = await httpRequest(
          {
            ...call,
            headers: { ...call.headers, authorization: basicAuth(target.username, target.password) },
          },
          pinned(),
          remaining(),
        );
      } catch (error) {
        throw failureOf(error);
      }
      const judged = judgeAnswer(target, call, answer);
      if (judged.outcome !== 'ok') throw new StepFailure(judged.outcome, judged.message);
      const { pathname, search } = new URL(call.url);
      done.push(`${call.method} ${pathname}${search} → ${judged.proof ?? answer.status}`);
      message = judged.message;
    }
    message = provenMessage(target, calls) ?? message;
    return { status: 'ok', detail: done.join('; ') };
  });

  await step(
    'health',
    async () => {
      const healthUrl = `${(url as unknown as URL).origin}/monitoring/services/health/status`;
      try {
        const answer = await httpGet(healthUrl, pinned(), Math.min(remaining(), 5000), {
          accept: 'application/json',
        });
        return answer.status === 200
          ? { status: 'ok', detail: `IOM reports healthy (${answer.status})` }
          : {
              status: 'warning',
              detail: `IOM's health check answered ${answer.status}; IOM may be degraded.`,
            };
      } catch {
        return {
          status: 'warning',
          detail:
            'IOM’s health check did not answer (it may not be exposed); this does not affect the result.',
        };
      }
      // IOM answered, but not as hoped: its health says whether IOM itself is degraded.
    },
    ['auth_failed', 'not_found', 'server_error'],
  );

  const failed = failure as StepFailure | null;
  if (failed) {
    outcome = failed.outcome;
    message = failed.message;
  }
  const ordered = PROBE_STEPS.map((name) => steps.find((s) => s.step === name)).filter(
    (s): s is ProbeStep => s !== undefined,
  );
  return { outcome, message, steps: ordered, totalMs: Math.round(performance.now() - started) };
}
