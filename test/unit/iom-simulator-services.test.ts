import { describe, expect, it } from 'vitest';
import { get, useSimulator } from '../helpers/simulator.ts';

const sim = useSimulator({
  shops: [
    { id: 10000, name: 'inTRONICS', inventory: { 'SOLD-OUT': 0, '201807171': 25 } },
    {
      id: 10001,
      name: 'inTRONICS Business',
      returnReasons: [{ name: 'B2B010', description: 'framework contract', type: 'RET' }],
    },
  ],
});

interface Atp {
  id: string;
  stock: number;
  reserved: number;
  blocked: number;
  atp: number;
  state: string;
}

describe('IOM simulator: RMA return reasons', () => {
  it('lists the shop’s return reasons by shop name', async () => {
    const res = await get(`${sim().endpoints.rma}/shops/inTRONICS/return-reasons`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.intershop.return-request.v1+json');
    const reasons = (await res.json()) as { name: string; type: string }[];
    expect(reasons.map((r) => r.name)).toContain('RET010');
    expect(reasons.every((r) => typeof r.type === 'string')).toBe(true);
  });

  it('decodes a shop name with a space and uses its configured reasons', async () => {
    const res = await get(`${sim().endpoints.rma}/shops/inTRONICS%20Business/return-reasons`);
    expect(await res.json()).toEqual([{ name: 'B2B010', description: 'framework contract', type: 'RET' }]);
  });

  it('filters by return type', async () => {
    const res = await get(`${sim().endpoints.rma}/shops/inTRONICS/return-reasons?type=DEF`);
    expect(((await res.json()) as { name: string }[]).map((r) => r.name)).toEqual(['DEF010']);
  });

  it('answers 404 for an unknown shop name, also one that is only an ID', async () => {
    expect((await get(`${sim().endpoints.rma}/shops/inSPIRED/return-reasons`)).status).toBe(404);
    expect((await get(`${sim().endpoints.rma}/shops/10000/return-reasons`)).status).toBe(404);
  });
});

describe('IOM simulator: ATP', () => {
  const atp = async (path: string) => {
    const res = await get(`${sim().endpoints.inventory}atp/${path}`);
    const text = await res.text();
    // 401, 403, 404 have no body, as IOM's contracts declare none.
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as { data: Atp[]; statusCode: number },
    };
  };

  it('answers one availability per comma-separated product id', async () => {
    const { status, body } = await atp('10000/201807171,SOLD-OUT,ANY-1');
    expect(status).toBe(200);
    expect(body.statusCode).toBe(200);
    expect(body.data.map((a) => a.id)).toEqual(['201807171', 'SOLD-OUT', 'ANY-1']);
    expect(body.data[0]).toMatchObject({ atp: 25, state: 'available' });
    expect(body.data[1]).toMatchObject({ atp: 0, state: 'sold out' });
    const any = body.data[2]!;
    expect(any.atp).toBe(any.stock - any.reserved - any.blocked);
    const again = (await atp('10000/ANY-1')).body.data[0];
    expect(again && [again.stock, again.reserved, again.blocked]).toEqual([
      any.stock,
      any.reserved,
      any.blocked,
    ]);
  });

  it('needs Basic auth and a known shop', async () => {
    expect((await get(`${sim().endpoints.inventory}atp/10000/X`, null)).status).toBe(401);
    expect((await atp('424242/X')).status).toBe(404);
    expect((await atp('10000/A,,B')).status).toBe(400);
  });
});

describe('IOM simulator: SOAP WSDL', () => {
  const services = [
    'OrderService/v1.2',
    'OrderStateService/v1.0',
    'ReverseService/v1.0',
    'DownloadService/v1.0',
  ];

  it.each(services)('serves a WSDL for %s', async (path) => {
    const url = `${sim().url}/webservices/${path}`;
    const res = await get(`${url}?wsdl`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<wsdl:definitions name="' + path.split('/')[0] + '"');
    expect(xml).toContain(`<soap:address location="${url}"/>`);
  });

  it('needs ?wsdl, a known service and credentials', async () => {
    expect((await get(`${sim().url}/webservices/OrderService/v1.2`)).status).toBe(400);
    expect((await get(`${sim().url}/webservices/OrderService/v1.2?WSDL`)).status).toBe(200);
    expect((await get(`${sim().url}/webservices/OrderService/v9.9?wsdl`)).status).toBe(404);
    expect((await get(`${sim().url}/webservices/OrderService/v1.2?wsdl`, null)).status).toBe(401);
  });
});

describe('IOM simulator: health and unknown paths', () => {
  it('reports health in IOM’s monitoring format', async () => {
    const res = await get(sim().endpoints.health, null);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 200, description: 'OK', serverType: 'backend' });
    expect(body.services).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'database', statusCode: 200 })]),
    );
    expect(typeof body.lastCheckEpoch).toBe('number');
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await get(`${sim().url}/rest/order-service/nothing`)).status).toBe(404);
    const res = await fetch(`${sim().endpoints.orderService}/shops/10000/order-states`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('tolerates a doubled or trailing slash, as a pasted endpoint may have', async () => {
    expect((await get(`${sim().url}/rest/order-service//shops/10000/order-states/`)).status).toBe(200);
  });
});
