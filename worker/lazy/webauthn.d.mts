// Types of the generated webauthn.mjs (scripts/build-lazy-modules.ts): it is that entry, bundled.
export * from '../../src/lib/server/lazy-modules/webauthn';
