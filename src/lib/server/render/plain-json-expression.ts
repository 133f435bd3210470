// The server data a page embeds for hydration, written as JSON when it is plain JSON data.
//
// SvelteKit writes each load's data into the page's inline <script> as a JavaScript expression made by
// `devalue.uneval`, which walks the data twice and calls a replacer at every value: about 8% of the CPU
// of a signed-in page (bench/README.md, "seventh pass"). Almost every load here returns plain data, and
// for plain data JSON is already a JavaScript expression of the same value, written by the engine in
// one native pass. The build routes SvelteKit's serializer through this function first
// (scripts/vite-plugins/sveltekit-server.ts); `null` hands the value back to devalue unchanged.
//
// Plain JSON data, as accepted here: a tree (no object reached twice) of objects whose prototype is
// Object.prototype and without symbol keys or a `__proto__` key (in an object literal that key would
// set the prototype), dense arrays, strings, booleans, null, and finite numbers other than -0.
// Anything else (undefined, Date, Map, a class instance, a promise, NaN, a shared reference, ...) is
// devalue's, which keeps its exact semantics for them.
//
// Safe inside <script>: JSON only has `<`, U+2028 and U+2029 inside string literals, where they are
// written as \u escapes (as devalue does), so the text can never close the script or start a comment.

const UNSAFE_IN_SCRIPT = /[<\u2028\u2029]/g;

function escapeForScript(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isPlainJson(value[i], seen)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === '__proto__' || !isPlainJson(record[key], seen)) return false;
  }
  return true;
}

/** A JavaScript expression (JSON, script-safe) for `value`, or null when it is not plain JSON data. */
export function plainJsonExpression(value: unknown): string | null {
  if (!isPlainJson(value, new Set())) return null;
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, escapeForScript);
}
