// scimmy, loaded once per isolate (a separate module of the deployed Worker: lazy-modules/load.ts).
// Invariant: worker/server.ts's loadScim awaits loadScimmy() before it hands out the SCIM app, so
// every SCIM module may read it synchronously through scimmy(); anything else must not call it.
import type SCIMMYType from 'scimmy';
import { loadScim as loadScimModule } from '../lazy-modules/load';

let loading: Promise<typeof SCIMMYType> | undefined;
let loaded: typeof SCIMMYType | undefined;

/** Loads and prepares scimmy once; concurrent first requests share the one promise. */
export function loadScimmy(): Promise<typeof SCIMMYType> {
  loading ??= loadScimModule().then(({ SCIMMY }) => {
    // Before any request: scimmy's User schema learns the enterprise extension (once; the
    // definition is not changed afterwards).
    // why the cast: scimmy's typings want a Schema instance; its runtime takes the schema class (documented use).
    SCIMMY.Schemas.User.extend(SCIMMY.Schemas.EnterpriseUser as unknown as SCIMMYType.Types.Schema, false);
    loaded = SCIMMY;
    return SCIMMY;
  });
  // A failed load (the module could not be fetched) is retried by the next request.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** scimmy, once loadScimmy() has resolved (the SCIM app guarantees it). */
export function scimmy(): typeof SCIMMYType {
  if (!loaded) throw new Error('scimmy is not loaded: the SCIM app loads it before routing');
  return loaded;
}
