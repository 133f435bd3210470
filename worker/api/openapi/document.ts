// The API's OpenAPI 3.1 description, generated from the routes themselves (their zod request and
// response schemas, guards and scopes: access/route-builders.ts). Nothing here is written by hand but
// the frame: title, security schemes, servers. The description is the same for every host; it names
// no workspace and holds no data.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../types';
import { API_SCOPES, API_SCOPE_LABELS } from '../../../src/lib/contracts/api-scopes';
import { sessionCookieName } from '../../../src/lib/server/auth/cookie';

const DESCRIPTION = `The JSON API of an OnTrackio workspace (\`https://<workspace>.app.ontrackio.com\`).

**Access.** Every operation names who may call it (\`x-ontrackio-access\`): \`public\` (no credentials),
\`session\` (the browser's session cookie only), \`user\` (a person: a session, or their personal API token),
\`admin\` (a person whose role allows it, or a workspace service token), \`agent\`/\`device\` (the endpoint agent).
An API token is sent as \`Authorization: Bearer otk_…\`; each operation needs the one scope named in its
security requirement. A request must not carry both a token and a session cookie. Writes with a session
cookie must come from the workspace's own origin; token requests are exempt.

**Scopes.** ${API_SCOPES.map((s) => `\`${s}\`: ${API_SCOPE_LABELS[s]}.`).join(' ')}

**Errors** share one shape: \`{ "error": { "code", "message", "fields"? } }\`.`;

/**
 * The description of `app`, for a request to `url` (its origin is the server; the cookie name follows
 * the scheme). The routes never change after start-up, so the generated part is made once per app.
 */
export function describerOf(app: OpenAPIHono<ApiEnv>) {
  let generated: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  return (url: URL) => {
    generated ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'OnTrackio API', version: '1', description: DESCRIPTION }
    });
    return {
      ...generated,
      servers: [{ url: url.origin }],
      components: { ...generated.components, securitySchemes: securitySchemes(url) }
    };
  };
}

function securitySchemes(url: URL) {
  return {
    session: {
      type: 'apiKey' as const,
      in: 'cookie' as const,
      name: sessionCookieName(url),
      description: 'The session cookie that signing in sets (POST /api/v1/auth/sign-in or the Sign in page).'
    },
    apiToken: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'otk_…',
      description: 'A personal or service API token (My profile › API tokens, Admin › Settings › API tokens).'
    },
    deviceCredential: {
      type: 'http' as const,
      scheme: 'bearer',
      bearerFormat: 'otd_…',
      description: 'The endpoint agent’s device credential, issued at pairing.'
    }
  };
}
