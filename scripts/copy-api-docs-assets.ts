// Copies Swagger UI's browser files from the swagger-ui-dist package into the static assets, so the
// API reference page (/api/docs, worker/api/openapi/docs-page.ts) loads them from this Worker's own
// origin and never from a CDN. Run by `npm run build`; the copies are build output (.gitignore).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const from = dirname(require.resolve('swagger-ui-dist/package.json'));
const to = join(import.meta.dirname, '..', 'static', 'api', 'docs', 'assets');
mkdirSync(to, { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) copyFileSync(join(from, file), join(to, file));
