import { Agent, request } from 'undici';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import {
  IOM_ORDER_MEDIA_TYPE,
  lacksPermission,
  newerEndpointOf,
  permissionOfRead,
  versionNeeded,
  type IomPermission,
} from '../../shared/iomApi.ts';
import type { ProbeOutcome } from '../../shared/probe.ts';
import { pinnedConnector, type PinnedTarget } from '../outbound/connector.ts';
import type { ProbeTarget } from './types.ts';

const BODY_LIMIT = 64 * 1024;

/** One request of a type's probe, and what IOM must answer for it to prove something. */
export interface ProbeCall {
  method: 'GET' | 'POST';
  url: string;
  /** Besides `Authorization`. */
  headers: Record<string, string>;
  body?: string;
  /**
   * `json` / `wsdl`: a 200 of that kind. `validation-report`: IOM's 400 error report for an empty order, which
   * proves the user may create orders without creating one.
   */
  expects: 'json' | 'wsdl' | 'validation-report';
  /** The IOM permission the call exercises, where Switchboard knows it. */
  permission: IomPermission | null;
}

const base = (target: ProbeTarget) => target.endpoint.replace(/\/+$/, '');

const readCall = (url: string, accept: string, expects: ProbeCall['expects']): ProbeCall => ({
  method: 'GET',
  url,
  headers: { accept },
  expects,
  permission: permissionOfRead(new URL(url).pathname),
});

/**
 * The requests each type's probe makes (SPEC §3). The order export posts an empty order: IOM refuses it as
 * invalid (400), which proves "Create order" without creating anything; then it reads order states, which the
 * exporter needs to ask IOM whether it holds an order after an unclear answer.
 */
export function probeCalls(target: ProbeTarget): ProbeCall[] {
  const orderStates = readCall(
    `${base(target)}/shops/${target.shopId}/order-states?limit=1`,
    `${IOM_ORDER_MEDIA_TYPE}, application/json`,
    'json',
  );
  switch (target.type) {
    case 'order-export':
      return [
        {
          method: 'POST',
          url: `${base(target)}/shops/${target.shopId}/orders`,
          headers: { 'content-type': IOM_ORDER_MEDIA_TYPE, accept: 'application/json' },
          body: '{}',
          expects: 'validation-report',
          permission: 'Create order',
        },
        orderStates,
      ];
    case 'order-history':
      return [orderStates];
    case 'rma':
      return [
        readCall(
          `${base(target)}/shops/${encodeURIComponent(target.shopName)}/return-reasons`,
          'application/vnd.intershop.return-request.v1+json, application/json',
          'json',
        ),
      ];
    case 'inventory':
      return [
        readCall(
          `${base(target)}/atp/${target.shopId}/${encodeURIComponent(target.probeProductId ?? 'switchboard-probe')}`,
          'application/json',
          'json',
        ),
      ];
    default:
      return [readCall(`${target.endpoint}?wsdl`, 'text/xml, application/xml, */*', 'wsdl')];
  }
}

/** The type's read (a GET): what a benchmark or a look at IOM by hand would ask. */
export function applicationProbeUrl(target: ProbeTarget): string {
  const calls = probeCalls(target);
  return (calls.find((c) => c.method === 'GET') ?? calls[0])?.url ?? target.endpoint;
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

/** One request over a fresh connection to the vetted address; never follows redirects. */
export async function httpRequest(
  call: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body?: string },
  pinned: PinnedTarget,
  ms: number,
): Promise<HttpAnswer> {
  const dispatcher = new Agent({ connect: pinnedConnector(pinned, ms), headersTimeout: ms, bodyTimeout: ms });
  try {
    // undici's request never follows redirects: a redirect is reported, not taken.
    const response = await request(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
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

export function httpGet(
  url: string,
  pinned: PinnedTarget,
  ms: number,
  headers: Record<string, string>,
): Promise<HttpAnswer> {
  return httpRequest({ method: 'GET', url, headers }, pinned, ms);
}

const parsedJson = (answer: HttpAnswer): unknown => {
  if (!/json/i.test(answer.contentType)) return undefined;
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    return undefined;
  }
};

const looksLikeWsdl = (answer: HttpAnswer) =>
  /<(\w+:)?definitions[\s>]/.test(answer.body) && /wsdl/i.test(answer.body);

/** The codes of IOM's error report (`{status, errors: [{code, message, value}]}`), or null for anything else. */
function errorReportCodes(answer: HttpAnswer): string[] | null {
  const json = parsedJson(answer) as { errors?: unknown } | undefined;
  if (!json || typeof json !== 'object' || !Array.isArray(json.errors)) return null;
  return json.errors.flatMap((e) => {
    const code = (e as { code?: unknown } | null)?.code;
    return typeof code === 'string' && code !== '' ? [code] : [];
  });
}

export interface Judged {
  outcome: ProbeOutcome;
  message: string;
  /** For the step's detail: what the answer proved. */
  proof?: string;
}

/**
 * Judges IOM's answer to one probe request: the outcome class and a sentence that says what to do. A call given
 * as a URL is a GET of that URL (its permission read from the path).
 */
export function judgeAnswer(target: ProbeTarget, given: ProbeCall | string, answer: HttpAnswer): Judged {
  const call = typeof given === 'string' ? readCall(given, 'application/json', 'json') : given;
  const def = CATALOGUE[target.type];
  const shop = def.shopIdentifier === 'shopId' ? `shop ${target.shopId}` : `shop "${target.shopName}"`;
  const path = new URL(call.url).pathname;
  const shown = `${call.method} ${path}`;
  const usual = `The endpoint of the ${def.label} usually ends in ${def.defaultPath}.`;
  const { status } = answer;
  if (status === 401) {
    return {
      outcome: 'auth_failed',
      message: `IOM answered 401 to ${shown}: the username or password is wrong, or ${call.permission ? lacksPermission(call.permission, shop) : `the user lacks the permission for ${shop}`}.`,
    };
  }
  if (status === 403) {
    return {
      outcome: 'auth_failed',
      message: `IOM answered 403 to ${shown}: ${call.permission ? lacksPermission(call.permission, shop) : `the user lacks the permission for ${shop}`}.`,
    };
  }
  if (status === 404) {
    const newer = newerEndpointOf(call.method, path);
    return {
      outcome: 'not_found',
      message: `IOM answered 404 to ${shown}: the endpoint path or the ${shop} is wrong${newer ? `, or this IOM is too old: ${versionNeeded(newer)}` : ''}. ${usual}`,
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
  if (call.expects === 'validation-report') return judgeEmptyOrder(answer, shown, shop, usual);
  if (status < 200 || status >= 300) {
    return {
      outcome: 'not_found',
      message: `IOM answered ${status} to ${shown}, which its API does not answer there: check the endpoint URL.`,
    };
  }
  const soap = call.expects === 'wsdl';
  if (soap ? !looksLikeWsdl(answer) : parsedJson(answer) === undefined) {
    return {
      outcome: 'not_found',
      message: `${path} answered 200, but not like IOM (${soap ? 'no WSDL' : 'no JSON'}; got ${answer.contentType || 'no content type'}): the endpoint points at something else. ${usual}`,
    };
  }
  return {
    outcome: 'ok',
    message: `IOM answered ${status} for ${shop}.`,
    ...(call.permission ? { proof: `"${call.permission}" allowed` } : {}),
  };
}

/** The empty order: IOM's 400 error report is the proof; anything else is not IOM's order service. */
function judgeEmptyOrder(answer: HttpAnswer, shown: string, shop: string, usual: string): Judged {
  const { status } = answer;
  if (status === 415)
    return {
      outcome: 'not_found',
      message: `IOM answered 415 to ${shown}, refusing ${IOM_ORDER_MEDIA_TYPE}, the media type of IOM's Order API 2.x: the endpoint is not IOM's order service, or a proxy changes the request. ${usual}`,
    };
  if (status === 400) {
    const codes = errorReportCodes(answer);
    if (codes)
      return {
        outcome: 'ok',
        message: `IOM refused an empty order for ${shop} as invalid (400): the user may create orders, and nothing was created.`,
        proof: `400${codes[0] ? ` ${codes[0]}` : ''}, "Create order" allowed, nothing created`,
      };
    return {
      outcome: 'not_found',
      message: `${shown} answered 400, but not with IOM's error report (got ${answer.contentType || 'no content type'}): the endpoint points at something else. ${usual}`,
    };
  }
  return {
    outcome: 'not_found',
    message: `${shown} answered ${status} to an empty order, not like IOM (IOM's Order API refuses an empty order with 400): the endpoint points at something else. ${usual}`,
  };
}

/** Once every call passed: the permissions the test proved, in one sentence; null when it proved none. */
export function provenMessage(target: ProbeTarget, calls: readonly ProbeCall[]): string | null {
  const permissions = calls.flatMap((c) => (c.permission ? [`"${c.permission}"`] : []));
  if (permissions.length === 0) return null;
  const shop =
    CATALOGUE[target.type].shopIdentifier === 'shopId'
      ? `shop ${target.shopId}`
      : `shop "${target.shopName}"`;
  const listed =
    permissions.length === 1
      ? permissions[0]
      : `${permissions.slice(0, -1).join(', ')} and ${permissions.at(-1)}`;
  const emptyOrder = calls.some((c) => c.expects === 'validation-report')
    ? ' IOM refused the empty order as invalid: nothing was created.'
    : '';
  return `IOM accepted the user for ${shop} with ${listed}.${emptyOrder}`;
}
