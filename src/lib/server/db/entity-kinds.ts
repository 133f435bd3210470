// drizzle-orm's `is(value, type)` answers "is this value a drizzle entity of that kind?" by walking
// the value's class chain, reading a static `entityKind` on each class; a miss (most of its calls
// while building SQL, which tries each kind in turn) walks the whole chain. Building a dynamic
// query's SQL spent a tenth of an admin API list's CPU there (bench/README.md, "seventh pass").
// A class chain never changes, so the kinds along it are collected once per class: the build points
// drizzle's walk at entityKindsOf (scripts/vite-plugins/drizzle.ts). Same answers:
// tests/worker/compiled-row-mapper.test.ts compares them with drizzle's own `is`.
const ENTITY_KIND = Symbol.for('drizzle:entityKind');

const kindsByClass = new WeakMap<object, Set<unknown>>();

/** Every `entityKind` found on `cls` and the classes it extends (what drizzle's walk would see). */
export function entityKindsOf(cls: unknown): Set<unknown> {
  if (typeof cls !== 'function') return collect(cls);
  let kinds = kindsByClass.get(cls);
  if (!kinds) {
    kinds = collect(cls);
    kindsByClass.set(cls, kinds);
  }
  return kinds;
}

function collect(cls: unknown): Set<unknown> {
  const kinds = new Set<unknown>();
  for (let c = cls; c; c = Object.getPrototypeOf(c)) {
    if (ENTITY_KIND in (c as object)) kinds.add((c as Record<symbol, unknown>)[ENTITY_KIND]);
  }
  return kinds;
}
