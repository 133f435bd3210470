// Issue 16 §4 (lighter pages): the browser never validates with zod (forms post to the server, which
// validates once at the boundary), so no file of the client build may contain it. Pages import their
// labels, enums and limits from zod-free modules (src/lib/contracts/labels/*, enums.ts, my-labels.ts);
// a page that imports a schema module instead ships ~23 KiB gzip of zod (docs/decisions.md).
// Reads the build like the assets binding serves it: run `npm run build` first, as for every worker test.
import { describe, expect, it } from 'vitest';

const CLIENT_JS = import.meta.glob<string>('../../.svelte-kit/output/client/_app/immutable/**/*.js', {
  query: '?raw',
  import: 'default',
  eager: true
});
const ZOD_FREE_SOURCES = import.meta.glob<string>(
  [
    '../../src/lib/contracts/labels/*.ts',
    '../../src/lib/contracts/enums.ts',
    '../../src/lib/contracts/my-labels.ts'
  ],
  { query: '?raw', import: 'default', eager: true }
);

/** Names zod gives its classes and errors; they survive minification as strings. */
const ZOD_MARKER = /\$Zod[A-Z]\w*|\bZodError\b/;

const shortName = (path: string) => path.slice(path.indexOf('_app/'));

describe('the client build', () => {
  it('is there to check (the app entry and the page nodes)', () => {
    const names = Object.keys(CLIENT_JS).map(shortName);
    const hint = 'no client build: run `npm run build` first';
    expect(
      names.some((n) => n.startsWith('_app/immutable/entry/app.')),
      hint
    ).toBe(true);
    expect(names.filter((n) => n.startsWith('_app/immutable/nodes/')).length, hint).toBeGreaterThan(10);
  });

  it('holds no zod: no page loads the schemas in the browser', () => {
    const withZod = Object.entries(CLIENT_JS)
      .filter(([, text]) => ZOD_MARKER.test(text))
      .map(([path]) => shortName(path));
    expect(
      withZod,
      'a page imports a module that defines zod schemas; import from contracts/labels/*'
    ).toEqual([]);
  });
});

/** `../../src/lib/contracts/labels/people.ts` + `../enums` → `../../src/lib/contracts/enums.ts`. */
function resolveRelative(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return `${parts.join('/')}.ts`;
}

describe('the zod-free contract modules', () => {
  it('import only each other (so never zod, nor a module that loads it)', () => {
    expect(Object.keys(ZOD_FREE_SOURCES).length).toBeGreaterThan(2);
    for (const [path, text] of Object.entries(ZOD_FREE_SOURCES)) {
      const valueImports = [...text.matchAll(/^(?:import|export)\b(?!\s+type\b)[^'";]*?from\s+'([^']+)'/gm)];
      for (const [, specifier] of valueImports)
        expect(Object.keys(ZOD_FREE_SOURCES), `${path} imports ${specifier}`).toContain(
          resolveRelative(path, specifier)
        );
    }
  });
});
