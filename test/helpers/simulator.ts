import { afterAll, beforeAll } from 'vitest';
import {
  ORDER_MEDIA_TYPE,
  startIomSimulator,
  type IomSimulator,
  type SimulatorOptions,
} from '../../server/iom-simulator/index.ts';

/** Starts one simulator for the test file (on a free port) and closes it afterwards. */
export function useSimulator(options: SimulatorOptions = {}): () => IomSimulator {
  let simulator: IomSimulator | undefined;
  beforeAll(async () => {
    simulator = await startIomSimulator(options);
  });
  afterAll(async () => {
    await simulator?.close();
  });
  return () => {
    if (!simulator) throw new Error('The simulator has not started.');
    return simulator;
  };
}

/** A Basic `Authorization` header value, UTF-8 encoded as RFC 7617 allows. */
export const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

export const CONSUMER_AUTH = basic('consumer_ws', 'consumer_ws');

export function postOrder(
  simulator: IomSimulator,
  shopId: number | string,
  body: unknown,
  init: { auth?: string; contentType?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${simulator.endpoints.orderService}/shops/${shopId}/orders`, {
    method: 'POST',
    headers: {
      Authorization: init.auth ?? CONSUMER_AUTH,
      'Content-Type': init.contentType ?? ORDER_MEDIA_TYPE,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
    // As the exporter: a redirect is reported, never followed.
    redirect: 'manual',
  });
}

export function get(
  url: string,
  auth: string | null = CONSUMER_AUTH,
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, { headers: auth ? { Authorization: auth } : {}, signal });
}
