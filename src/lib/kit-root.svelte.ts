// SvelteKit's client starts the app with `new Root({ target, props, hydrate })` and updates it with
// `root.$set(props)`. Its generated root.js builds that class with Svelte's legacy `asClassComponent`,
// a Svelte 4 compatibility layer every page downloaded. The browser build uses this instead
// (vite.config.ts, `kitRootWithoutLegacy`): the same two operations, one state per root prop.
// Invariants kept from the legacy wrapper: a write always notifies, even of the same object (each
// write stores a fresh box); the render is flushed before the constructor returns. Every prop the
// root declares gets its state before the root renders (a state created while a reaction runs is
// not tracked by that reaction, so one first set later, a deeper layout's data, must exist already).
import { flushSync, hydrate, mount, type Component } from 'svelte';

interface RootOptions {
  target: Element;
  props: Record<string, unknown>;
  hydrate?: boolean;
  transformError?: (error: unknown) => unknown;
}

function propState(value: unknown) {
  let box = $state.raw({ value });
  return { get: () => box.value, set: (value: unknown) => (box = { value }) };
}

export const kitRoot = (component: Component<Record<string, unknown>>, declared: string[]) =>
  class {
    $set: (next: Record<string, unknown>) => void;

    constructor({ target, props: initial, hydrate: existing, transformError }: RootOptions) {
      // A lookup built once, never changed: each entry holds its own state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const states = new Map(declared.map((key) => [key, propState(initial[key])]));
      const props = new Proxy(initial, { get: (_, key) => states.get(key as string)?.get() });
      (existing ? hydrate : mount)(component, { target, props, intro: false, transformError });
      flushSync();
      // SvelteKit only ever sets props the root declares.
      this.$set = (next) => {
        for (const key in next) states.get(key)?.set(next[key]);
      };
    }
  };
