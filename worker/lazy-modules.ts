// The deployed Worker's loaders of the separately uploaded modules (worker/lazy/*.mjs, built by
// scripts/build-lazy-modules.ts). The SSR build (vite.config.ts, lazyModulesAsSeparateFiles) puts this
// file in place of src/lib/server/lazy-modules/load.ts, and wrangler bundles it from here: the
// specifiers below are relative to worker/, the module root, so esbuild leaves them as imports of the
// additional modules (wrangler.toml [[rules]]) and workerd resolves them to the same names at run time.
import type * as FromSource from '../src/lib/server/lazy-modules/load';

export const loadSamlXml: typeof FromSource.loadSamlXml = () => import('./lazy/saml-xml.mjs');
export const loadWebauthn: typeof FromSource.loadWebauthn = () => import('./lazy/webauthn.mjs');
export const loadScim: typeof FromSource.loadScim = () => import('./lazy/scim.mjs');
