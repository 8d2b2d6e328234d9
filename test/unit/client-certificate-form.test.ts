import { describe, expect, it } from 'vitest';
import { clientCertificateOf, servicePayload } from '../../client/src/services/payload.ts';

describe('the service form’s client certificate, write-only like the password', () => {
  const typed = { certificate: 'CERT', key: 'KEY', passphrase: '', pkcs12: 'UDEy' };

  it('is left out when kept (or when there is none), and null when cleared', () => {
    expect(clientCertificateOf({ clientCertificateAction: 'keep', clientCertificate: typed })).toEqual({});
    expect(clientCertificateOf({ clientCertificateAction: 'none', clientCertificate: typed })).toEqual({});
    expect(clientCertificateOf({})).toEqual({});
    expect(clientCertificateOf({ clientCertificateAction: 'clear', clientCertificate: typed })).toEqual({
      clientCertificate: null,
    });
  });

  it('sends only the chosen format’s fields, and a passphrase only when one was typed', () => {
    expect(
      clientCertificateOf({
        clientCertificateAction: 'replace',
        clientCertificateFormat: 'pem',
        clientCertificate: typed,
      }),
    ).toEqual({ clientCertificate: { certificate: 'CERT', key: 'KEY' } });
    expect(
      clientCertificateOf({
        clientCertificateAction: 'replace',
        clientCertificateFormat: 'pkcs12',
        clientCertificate: { ...typed, passphrase: 'pp' },
      }),
    ).toEqual({ clientCertificate: { pkcs12: 'UDEy', passphrase: 'pp' } });
    // Nothing typed yet: sent empty, so the server names the field to fill in.
    expect(clientCertificateOf({ clientCertificateAction: 'replace' })).toEqual({ clientCertificate: {} });
  });

  it('travels with the rest of the form', () => {
    const payload = servicePayload(
      { endpoint: 'https://iom', clientCertificateAction: 'clear', passwordAction: 'keep', settings: {} },
      undefined,
    );
    expect(payload).toMatchObject({ endpoint: 'https://iom', clientCertificate: null });
    expect(payload).not.toHaveProperty('password');
    expect(payload).not.toHaveProperty('clientCertificateAction');
  });
});
