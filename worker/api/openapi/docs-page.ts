// /api/docs: the API reference page (Swagger UI), served by the Worker itself with no CDN. The page,
// its start-up script and the description come from the Worker; Swagger UI's own files are copied from
// the swagger-ui-dist package into the static assets at build time (scripts/copy-api-docs-assets.ts)
// and served from the same origin. "Try it out" calls the API from the page: on a workspace host a
// signed-in person's session cookie goes along, and the API's guards decide as for any other call.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';

export const API_DOCS_ASSETS = '/api/docs/assets';

/** The product's page CSP (svelte.config.js `kit.csp`), so the page loads under the same rules. */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'"
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>OnTrackio API reference</title>
    <link rel="stylesheet" href="${API_DOCS_ASSETS}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${API_DOCS_ASSETS}/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the description to a public validator.
const START = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  withCredentials: true,
  persistAuthorization: false,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0
});
`;

export const docsPageRoutes = new Hono<ApiEnv>()
  .get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(PAGE);
  })
  .get('/start.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(START);
  });
