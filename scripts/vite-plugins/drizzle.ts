// drizzle-orm in the SSR build, with its row mapping compiled once per selection and its entity
// checks answered from the kinds collected once per class.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { replaceExactlyOnce } from './replace-exactly-once';

/**
 * drizzle's `mapResultRow` (every row of every select) answered by
 * src/lib/server/db/compiled-row-mapper.ts, which works out each field's decoder and path once per
 * selection instead of once per cell. The SSR build takes drizzle in (noExternal, so that this
 * transform sees it: every importer of drizzle is in that build, worker/index.ts reaching server code
 * only through it); drizzle's own function stays in the file under another name, unused. If drizzle's
 * code changes shape, the build fails here.
 */
export function drizzleCompiledRowMapping(): Plugin {
  const from = 'function mapResultRow(columns, row, joinsNotNullableMap) {';
  const to =
    'function mapResultRow(columns, row, joinsNotNullableMap) {\n' +
    '  __ontrackioMapper ??= __compiledMapResultRow({ is, Column, SQL, Subquery, getTableName });\n' +
    '  return __ontrackioMapper(columns, row, joinsNotNullableMap);\n' +
    '}\n' +
    'let __ontrackioMapper;\n' +
    'function mapResultRowPerCell(columns, row, joinsNotNullableMap) {';
  const imports = ['import { Column } from "./column.js";', 'import { is } from "./entity.js";'];
  const helper = fileURLToPath(new URL('../../src/lib/server/db/compiled-row-mapper.ts', import.meta.url));
  return {
    name: 'ontrackio-drizzle-compiled-row-mapping',
    apply: 'build',
    config(config) {
      if (!config.build?.ssr) return;
      return { ssr: { noExternal: ['drizzle-orm'] } };
    },
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]drizzle-orm[\\/]utils\.js$/.test(id)) return;
      const changed = () => this.error('drizzle-orm changed: revisit drizzleCompiledRowMapping');
      if (!imports.every((i) => code.includes(i)) || !code.includes('getTableName')) changed();
      const head = `import { compiledMapResultRow as __compiledMapResultRow } from ${JSON.stringify(helper)};\n`;
      return { code: head + replaceExactlyOnce(code, from, to, changed), map: null };
    }
  };
}

/**
 * drizzle's `is()` (entity.js) reads the kinds along a value's class chain from
 * src/lib/server/db/entity-kinds.ts, collected once per class, instead of walking the chain on every
 * call. Applies with drizzleCompiledRowMapping (which takes drizzle into the SSR build).
 */
export function drizzleEntityKindsOnce(): Plugin {
  const from = [
    '  let cls = Object.getPrototypeOf(value).constructor;',
    '  if (cls) {',
    '    while (cls) {',
    '      if (entityKind in cls && cls[entityKind] === type[entityKind]) {',
    '        return true;',
    '      }',
    '      cls = Object.getPrototypeOf(cls);',
    '    }',
    '  }',
    '  return false;'
  ].join('\n');
  const to = '  return __entityKindsOf(Object.getPrototypeOf(value).constructor).has(type[entityKind]);';
  const helper = fileURLToPath(new URL('../../src/lib/server/db/entity-kinds.ts', import.meta.url));
  return {
    name: 'ontrackio-drizzle-entity-kinds-once',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]drizzle-orm[\\/]entity\.js$/.test(id)) return;
      const changed = () => this.error('drizzle-orm changed: revisit drizzleEntityKindsOnce');
      const head = `import { entityKindsOf as __entityKindsOf } from ${JSON.stringify(helper)};\n`;
      return { code: head + replaceExactlyOnce(code, from, to, changed), map: null };
    }
  };
}
