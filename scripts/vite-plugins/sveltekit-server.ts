// Patches of SvelteKit's server runtime in the SSR build: work it does on every rendered page that
// this app never needs. Each fails the build if SvelteKit's code changes shape (replaceExactlyOnce).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { replaceExactlyOnce } from './replace-exactly-once';

const KIT_PAGE = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]server[\\/]page[\\/]/;

/**
 * No ETag on rendered pages. SvelteKit hashes the whole HTML of every page it renders (djb2 in
 * JavaScript, 4% of the CPU of a 50-row list page in the profile) to send an ETag and answer a
 * matching If-None-Match with 304. Here it can never match: every page carries a fresh CSP nonce
 * (svelte.config.js) and signed-in pages are `private, no-store` (hooks.server.ts). The SSR build
 * drops that one statement.
 */
export function pagesWithoutEtag(): Plugin {
  const statement = 'headers.set(\'etag\', `"${hash(transformed)}"`);';
  return {
    name: 'ontrackio-pages-without-etag',
    apply: 'build',
    transform(code, id) {
      if (!KIT_PAGE.test(id) || !id.endsWith('render.js')) return;
      const changed = () => this.error('SvelteKit changed: revisit pagesWithoutEtag');
      return { code: replaceExactlyOnce(code, statement, '', changed), map: null };
    }
  };
}

/**
 * Hydration data as JSON when it is plain JSON data. Each load's data goes into the page as a
 * JavaScript expression made by `devalue.uneval` (two walks and a replacer call at every value: about
 * 8% of a signed-in page's CPU); `plainJsonExpression` (src/lib/server/render/plain-json-expression.ts)
 * writes plain data as script-safe JSON in one native pass and returns null for anything else, which
 * then goes to devalue exactly as before. Only when no `transport` hook is defined (a transport
 * encoder could claim a plain object). Client-side navigations (`__data.json`) are untouched.
 */
export function serverDataAsPlainJson(): Plugin {
  const from = 'strings[i] = devalue.uneval(payload, get_replacer(i));';
  const to =
    'strings[i] = (Object.keys(options.hooks.transport).length === 0 && __plainJsonExpression(payload)) ||\n' +
    '\t\t\t\t\tdevalue.uneval(payload, get_replacer(i));';
  const helper = fileURLToPath(
    new URL('../../src/lib/server/render/plain-json-expression.ts', import.meta.url)
  );
  return {
    name: 'ontrackio-server-data-as-plain-json',
    apply: 'build',
    transform(code, id) {
      if (!KIT_PAGE.test(id) || !id.endsWith('data_serializer.js')) return;
      const changed = () => this.error('SvelteKit changed: revisit serverDataAsPlainJson');
      const imported = `import { plainJsonExpression as __plainJsonExpression } from ${JSON.stringify(helper)};\n`;
      return { code: imported + replaceExactlyOnce(code, from, to, changed), map: null };
    }
  };
}
