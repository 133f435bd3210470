// The "busy while an enhanced form submits" callback every page with a submit button shares:
// `use:enhance={submitting((on) => (saving = on))}` calls `set(true)` when the form is sent and
// `set(false)` once SvelteKit has applied the answer (`update(options)`, its default handling, so
// the page ends up as it would without JavaScript). The client build ships this module in the same
// chunk as `$app/forms` (vite.config.ts), which every page with an enhanced form loads anyway.
import type { SubmitFunction } from '@sveltejs/kit';

export const submitting =
  (set: (on: boolean) => void, options?: { reset?: boolean; invalidateAll?: boolean }): SubmitFunction =>
  () => {
    set(true);
    return async ({ update }) => {
      await update(options);
      set(false);
    };
  };
