import { error } from '@sveltejs/kit';

// The Cloudflare adapter passes `platform` (bindings and execution context) to every load, action and
// endpoint inside the Worker. Its absence means the app runs outside the Worker (a build or deployment
// mistake, never a user's), so it fails here once instead of a `platform!` in every route file.

/** The Worker platform of a request; a 500 if the app is not running inside the Worker. */
export function platformOf(event: { platform?: App.Platform }): App.Platform {
  if (!event.platform) error(500, { message: 'The Worker platform is missing.', code: 'internal_error' });
  return event.platform;
}

/** The Worker bindings of a request (see platformOf). */
export function platformEnv(event: { platform?: App.Platform }): Env {
  return platformOf(event).env;
}
