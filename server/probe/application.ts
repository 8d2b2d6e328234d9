import { Agent, request } from 'undici';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import type { ProbeOutcome } from '../../shared/probe.ts';
import { pinnedConnector, type PinnedTarget } from '../outbound/connector.ts';
import type { ProbeTarget } from './types.ts';

const BODY_LIMIT = 64 * 1024;

/** The request each type's probe makes (SPEC §3). */
export function applicationProbeUrl(target: ProbeTarget): string {
  const base = target.endpoint.replace(/\/+$/, '');
  switch (target.type) {
    case 'order-export':
    case 'order-history':
      return `${base}/shops/${target.shopId}/order-states?limit=1`;
    case 'rma':
      return `${base}/shops/${encodeURIComponent(target.shopName)}/return-reasons`;
    case 'inventory':
      return `${base}/atp/${target.shopId}/${encodeURIComponent(target.probeProductId ?? 'switchboard-probe')}`;
    default:
      return `${base}?wsdl`;
  }
}

export function basicAuth(username: string, password: string | null): string {
  return `Basic ${Buffer.from(`${username}:${password ?? ''}`, 'utf8').toString('base64')}`;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
  location: string | null;
}

export async function httpGet(
  url: string,
  pinned: PinnedTarget,
  ms: number,
  headers: Record<string, string>,
): Promise<HttpAnswer> {
  const dispatcher = new Agent({ connect: pinnedConnector(pinned, ms), headersTimeout: ms, bodyTimeout: ms });
  try {
    // undici's request never follows redirects: a redirect is reported, not taken.
    const response = await request(url, {
      method: 'GET',
      headers,
      dispatcher,
      signal: AbortSignal.timeout(ms),
    });
    let body = '';
    for await (const chunk of response.body) {
      if (body.length < BODY_LIMIT) body += (chunk as Buffer).toString('utf8');
    }
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    };
    return {
      status: response.statusCode,
      contentType: header('content-type') ?? '',
      body: body.slice(0, BODY_LIMIT),
      location: header('location'),
    };
  } finally {
    await dispatcher.destroy();
  }
}

const looksLikeJson = (answer: HttpAnswer) => {
  if (!/json/i.test(answer.contentType)) return false;
  try {
    JSON.parse(answer.body);
    return true;
  } catch {
    return false;
  }
};

const looksLikeWsdl = (answer: HttpAnswer) =>
  /<(\w+:)?definitions[\s>]/.test(answer.body) && /wsdl/i.test(answer.body);

/** Judges IOM's answer to the type's probe: the outcome class and a sentence that says what to do. */
export function judgeAnswer(
  target: ProbeTarget,
  url: string,
  answer: HttpAnswer,
): { outcome: ProbeOutcome; message: string } {
  const def = CATALOGUE[target.type];
  const shop = def.shopIdentifier === 'shopId' ? `shop ${target.shopId}` : `shop "${target.shopName}"`;
  const path = new URL(url).pathname;
  const { status } = answer;
  if (status === 401 || status === 403) {
    return {
      outcome: 'auth_failed',
      message: `IOM answered ${status}: the username or password is wrong, or the user lacks the permission for ${shop}.`,
    };
  }
  if (status === 404) {
    return {
      outcome: 'not_found',
      message: `IOM answered 404 for ${path}: the endpoint path or the ${shop} is wrong. The endpoint of a ${def.label} usually ends in ${def.defaultPath}.`,
    };
  }
  if (status >= 500) {
    return {
      outcome: 'server_error',
      message: `IOM answered ${status}: the IOM server has a problem. Try again later, or ask the IOM operators.`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      outcome: 'not_found',
      message: `IOM redirects ${path} to ${answer.location ?? 'another address'}; Switchboard does not follow redirects. Set the endpoint to the final address.`,
    };
  }
  if (status < 200 || status >= 300) {
    return {
      outcome: 'not_found',
      message: `IOM answered ${status} for ${path}, which its API does not answer there: check the endpoint URL.`,
    };
  }
  const soap = def.protocol === 'SOAP';
  if (soap ? !looksLikeWsdl(answer) : !looksLikeJson(answer)) {
    return {
      outcome: 'not_found',
      message: `${path} answered 200, but not like IOM (${soap ? 'no WSDL' : 'no JSON'}; got ${answer.contentType || 'no content type'}): the endpoint points at something else. It usually ends in ${def.defaultPath}.`,
    };
  }
  return { outcome: 'ok', message: `IOM answered ${status} for ${shop}.` };
}
