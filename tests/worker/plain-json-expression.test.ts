// plainJsonExpression: the fast path SvelteKit's hydration data takes before devalue
// (src/lib/server/render/plain-json-expression.ts). Plain data comes back as JSON that parses to an
// equal value and is safe inside <script>; anything devalue treats specially comes back null.
import { describe, expect, it } from 'vitest';
import { plainJsonExpression } from '../../src/lib/server/render/plain-json-expression';

const TRICKY_STRINGS = [
  '</script><script>alert(1)</script>',
  '<!-- x -->',
  'line\u2028sep\u2029para',
  'quote " backslash \\ tab \t newline \n nul \u0000',
  'emoji 😀, lone surrogate \ud800 end',
  ''
];

function randomPlain(depth: number, seed: { n: number }): unknown {
  const next = () => (seed.n = (seed.n * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return TRICKY_STRINGS[Math.floor(next() * TRICKY_STRINGS.length)];
    case 1:
      return Math.round((next() - 0.5) * 1e6) / 100;
    case 2:
      return next() > 0.5;
    case 3:
      return null;
    case 4:
      return `s${Math.floor(next() * 1000)}`;
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomPlain(depth + 1, seed));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 4); i > 0; i--)
        o[TRICKY_STRINGS[i] + i] = randomPlain(depth + 1, seed);
      return o;
    }
  }
}

describe('plainJsonExpression', () => {
  it('writes plain data as script-safe JSON that parses back to an equal value', () => {
    const seed = { n: 42 };
    for (let i = 0; i < 500; i++) {
      const value = { type: 'data', data: randomPlain(0, seed), uses: { dependencies: ['app:x'] } };
      const out = plainJsonExpression(value);
      expect(out).not.toBeNull();
      expect(out).not.toMatch(/[<\u2028\u2029]/);
      expect(JSON.parse(out as string)).toEqual(value);
    }
  });

  it('escapes what could end the script or start a comment', () => {
    expect(plainJsonExpression({ t: '</script><!--' })).toBe('{"t":"\\u003c/script>\\u003c!--"}');
    expect(plainJsonExpression(['\u2028'])).toBe('["\\u2028"]');
  });

  it('hands everything devalue treats specially back (null)', () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const nullProto = Object.create(null) as Record<string, unknown>;
    nullProto.a = 1;
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const protoKey = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const notPlain: unknown[] = [
      undefined,
      { a: undefined },
      [undefined],
      new Date(0),
      new Map(),
      new Set(),
      /x/,
      Promise.resolve(1),
      new (class Thing {})(),
      NaN,
      Infinity,
      -0,
      10n,
      () => 1,
      { [Symbol('s')]: 1 },
      { both: shared, again: shared },
      cyclic,
      nullProto,
      sparse,
      protoKey,
      new Uint8Array(2)
    ];
    for (const value of notPlain) expect(plainJsonExpression({ data: value })).toBeNull();
  });
});
