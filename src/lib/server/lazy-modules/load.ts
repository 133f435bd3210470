// Loaders of the heavy libraries that only a few paths need (SAML, passkeys, SCIM). Call sites import
// them only through these functions, never the packages' values directly, so that they load on first
// use and not when an isolate starts.
//
// Run from source (worker tests, type checks) these import the entry files below as they are. In the
// deployed Worker the SSR build swaps this file for worker/lazy-modules.ts, whose loaders import the
// same entries prebuilt as separate ES modules (scripts/build-lazy-modules.ts), which workerd compiles
// only when imported (docs/architecture.md, "How the deployed Worker is assembled").
// Invariant: worker/lazy-modules.ts exports the same names with the same types (it is checked against
// this file).
export const loadSamlXml = () => import('./saml-xml');
export const loadWebauthn = () => import('./webauthn');
export const loadScim = () => import('./scim');
