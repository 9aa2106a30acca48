import { describe, expect, it } from 'vitest';
import { scrubString, scrubValue } from './scrub';
import { scrubSentryEvent } from './sentry';

describe('scrubbing', () => {
  it('removes e-mails, bearer tokens, JWTs, provider keys and private keys from text', () => {
    const text = scrubString(
      'user a.b@corp.io sent Bearer abcdefghijkl and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghij with ghp_0123456789abcdefghijABCDEFGHIJ and sk_live_abcdefghijkl -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
    );
    for (const leaked of ['a.b@corp.io', 'abcdefghijkl', 'eyJhbGci', 'ghp_', 'sk_live_', 'MIIE']) expect(text).not.toContain(leaked);
  });

  it('redacts secret-named keys and drops source code, deeply', () => {
    const out = scrubValue({ headers: { authorization: 'x', 'x-api-key': 'y' }, nested: [{ password: 'p', snippet: 'const a = 1', ok: 'fine' }] });
    expect(out).toEqual({ headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' }, nested: [{ password: '[redacted]', snippet: '[source removed]', ok: 'fine' }] });
  });

  it('strips request bodies, cookies, user PII and source lines from Sentry events', () => {
    const event = scrubSentryEvent({
      type: undefined,
      user: { id: 'u1', email: 'x@y.io', ip_address: '1.2.3.4' },
      request: { data: '{"password":"p"}', cookies: { s: '1' }, headers: { authorization: 'Bearer abcdefghijkl' }, url: 'http://h/api?token=abc' },
      exception: { values: [{ value: 'failed for x@y.io', stacktrace: { frames: [{ filename: 'a.ts', context_line: 'const secret = 1', pre_context: ['a'], post_context: ['b'] }] } }] },
    });
    expect(event.user).toEqual({ id: 'u1' });
    expect(event.request?.data).toBeUndefined();
    expect(event.request?.cookies).toBeUndefined();
    expect(event.request?.headers?.authorization).toBe('[redacted]');
    expect(event.request?.url).toBe('http://h/api');
    expect(event.exception?.values?.[0]?.value).toBe('failed for [email]');
    expect(event.exception?.values?.[0]?.stacktrace?.frames?.[0]?.context_line).toBeUndefined();
  });
});
