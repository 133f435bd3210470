// Types of the generated saml-xml.mjs (scripts/build-lazy-modules.ts): it is that entry, bundled.
export * from '../../src/lib/server/lazy-modules/saml-xml';
