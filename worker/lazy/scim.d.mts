// Types of the generated scim.mjs (scripts/build-lazy-modules.ts): it is that entry, bundled.
export * from '../../src/lib/server/lazy-modules/scim';
