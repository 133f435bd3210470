// "No input makes the Worker answer 500": odd paths, queries, cookies, bodies and hosts.
import { describe, expect, it } from 'vitest';
import { ACME, fetchWorker, freshAddress } from './helpers';

const ODD = [
  '%',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '\u202e',
  'ä'.repeat(300),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{}',
  'x'.repeat(4000)
];

describe('bad input never answers 500', () => {
  it('odd paths and queries on every kind of host', async () => {
    for (const host of [
      ACME,
      'http://app.localhost:8787',
      'http://nosuch.localhost:8787',
      'http://initech.localhost:8787'
    ]) {
      for (const odd of ODD) {
        const e = encodeURIComponent(odd);
        for (const path of [`/${e}`, `/?workspace=${e}`, `/login?next=${e}`, `/my?x=${e}`, `/api/v1/${e}`]) {
          const res = await fetchWorker(`${host}${path}`);
          expect(res.status, `${host}${path}`).toBeLessThan(500);
        }
      }
    }
  });

  it('odd sign-in bodies, form and JSON', async () => {
    const forms = [
      '',
      'email=',
      'email=%FF%FE&password=%00',
      `email=${'a'.repeat(5000)}%40acme.example&password=x`,
      'email=ada@acme.example&password=' + 'p'.repeat(300),
      'remember=maybe'
    ];
    for (const body of forms) {
      const res = await fetchWorker(`${ACME}/login`, {
        method: 'POST',
        address: freshAddress(),
        headers: { origin: ACME, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body
      });
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
    }
    const jsons = [
      'null',
      '[]',
      '"x"',
      '{"email":1,"password":{}}',
      '{"email":"a@b.c","password":"x","remember":"yes"}',
      '{"__proto__":{"x":1}}'
    ];
    for (const body of jsons) {
      const res = await fetchWorker(`${ACME}/api/v1/auth/sign-in`, {
        method: 'POST',
        address: freshAddress(),
        headers: { origin: ACME, 'content-type': 'application/json' },
        body
      });
      expect(res.status, body).toBe(400);
    }
  });

  it('odd cookies and methods', async () => {
    for (const cookie of [
      'ontrackio_session',
      'ontrackio_session=;',
      'ontrackio_session="quoted"',
      'a=b; ontrackio_session=%E0%A4%A',
      `ontrackio_session=${'z'.repeat(8000)}`
    ]) {
      expect((await fetchWorker(`${ACME}/my`, { headers: { cookie } })).status).toBeLessThan(500);
      expect((await fetchWorker(`${ACME}/api/v1/me`, { headers: { cookie } })).status).toBeLessThan(500);
    }
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await fetchWorker(`${ACME}/login`, { method, headers: { origin: ACME } });
      expect(res.status, method).toBeLessThan(500);
      const api = await fetchWorker(`${ACME}/api/v1/me`, { method, headers: { origin: ACME } });
      expect(api.status, method).toBeLessThan(500);
    }
  });

  it('the theme switch refuses junk without changing anything', async () => {
    const res = await fetchWorker(`${ACME}/preferences/theme`, {
      method: 'POST',
      headers: { origin: ACME, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'theme=neon'
    });
    expect(res.status).toBeLessThan(500);
  });
});
