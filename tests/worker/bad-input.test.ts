// "No input makes the Worker answer 500": odd paths, queries, cookies, bodies and hosts; every form
// action with bodies that are not a form; hostile redirect targets; search terms of 10,000 characters.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { ACME, fetchWorker, freshAddress, cookieFor } from './helpers';
import {
  HOSTILE_QUERY_VALUES,
  HOSTILE_TARGETS,
  NON_FORM_BODIES,
  everyFormAction,
  fingerprint,
  staysOnWorkspace
} from './helpers-sweep';

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

describe('the sweep: form actions, redirect targets, search terms', () => {
  it('every form action, with every kind of non-form body, same Origin and foreign: no 500, nothing written', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const before = await fingerprint(env.DB_ACME);
    const answers: string[] = [];
    for (const { url } of [...everyFormAction(), { url: '/preferences/theme' }]) {
      for (const origin of [ACME, 'http://evil.example']) {
        for (const [type, body] of NON_FORM_BODIES) {
          const headers = new Headers({ origin, cookie: admin, accept: 'text/html' });
          if (type) headers.set('content-type', type);
          const res = await fetchWorker(`${ACME}${url}`, { method: 'POST', headers, body });
          await res.body?.cancel();
          if (res.status >= 500) answers.push(`${res.status} ${origin} ${url} ${type}`);
          // Refused, every one: 403 (SvelteKit's Origin check) or 415 (the form guard).
          expect([403, 415], `${origin} ${url} ${type}`).toContain(res.status);
        }
      }
    }
    expect(answers).toEqual([]);
    expect(await fingerprint(env.DB_ACME)).toEqual(before);
  }, 300_000);

  it('hostile redirect targets on every place that takes one: no 500, never off the workspace', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const values = [...HOSTILE_QUERY_VALUES, ...HOSTILE_TARGETS.map(encodeURIComponent)];
    for (const v of values) {
      for (const [url, init] of [
        [`/login?next=${v}`, { headers: { cookie: admin } }],
        [`/login?next=${v}`, {}],
        [`/login/sso/no-such-connection?next=${v}`, { address: freshAddress() }],
        [
          '/preferences/theme',
          {
            method: 'POST',
            headers: { origin: ACME, cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
            body: `theme=system&back=${v}`
          }
        ],
        [
          `/login?next=${v}`,
          {
            method: 'POST',
            address: freshAddress(),
            headers: { origin: ACME, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'email=nobody%40example.test&password=wrong-password-123'
          }
        ]
      ] as const) {
        const res = await fetchWorker(`${ACME}${url}`, init);
        await res.body?.cancel();
        expect(res.status, `${url}`).toBeLessThan(500);
        expect(staysOnWorkspace(res.headers.get('location')), `${url} → ${res.headers.get('location')}`).toBe(
          true
        );
      }
    }
  }, 120_000);

  it('10,000-character search terms on every list that searches, pages, exports and API: no 500', async () => {
    const admin = await cookieFor(ACME, 'admin@acme.example');
    const before = await fingerprint(env.DB_ACME);
    for (const term of ['x'.repeat(10_000), 'é'.repeat(10_000), '%_\\'.repeat(2_500), 'a'.repeat(49)]) {
      const t = encodeURIComponent(term);
      for (const path of [
        `/admin/people?q=${t}`,
        `/admin/hardware?q=${t}`,
        `/admin/hardware/export?q=${t}`,
        `/admin/maintenance?q=${t}`,
        `/admin/audit?actor=${t}`,
        `/admin/audit?action=${t}`,
        `/admin/audit/export?actor=${t}&action=${t}`,
        `/api/v1/admin/people?q=${t}`,
        `/api/v1/admin/hardware?q=${t}`,
        `/api/v1/admin/hardware.csv?q=${t}`,
        `/api/v1/admin/maintenance?q=${t}`,
        `/api/v1/admin/audit?actor=${t}`,
        `/api/v1/admin/audit?action=${t}`,
        `/api/v1/admin/audit.csv?actor=${t}`
      ]) {
        const res = await fetchWorker(`${ACME}${path}`, { headers: { cookie: admin } });
        await res.body?.cancel();
        expect(res.status, path.slice(0, 60)).toBeLessThan(500);
      }
    }
    expect(await fingerprint(env.DB_ACME)).toEqual(before);
  }, 120_000);
});
