// oidc-provider 9 ships no type declarations; the test provider uses a small part of it untyped.
declare module 'oidc-provider';
