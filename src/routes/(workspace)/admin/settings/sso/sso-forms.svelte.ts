// The Single sign-on page's forms share one action answer (`form`, tagged with which form it belongs
// to): this reads a field's error and typed value back for the form that was submitted, and tracks
// which form is being submitted. Assumes every action answers `{ form: <name>, fields?, values? }`.
type Answer = { form?: string; fields?: Record<string, string[]>; values?: Record<string, unknown> };
type Done = { update: (o?: { reset?: boolean }) => Promise<void>; result: { type: string } };

export class SsoForms {
  busy = $state.raw<string | null>(null);
  readonly #answer: () => unknown;

  constructor(answer: () => unknown) {
    this.#answer = answer;
  }

  #mine(which: string): Answer | undefined {
    const a = this.#answer() as Answer | null | undefined;
    return a?.form === which ? a : undefined;
  }

  /** The first error for `field` if the last answer was for form `which`. */
  err = (which: string, field: string): string | undefined => this.#mine(which)?.fields?.[field]?.[0];

  /** What was typed into `field` if the last answer was for form `which`, else `fallback`. */
  val = (which: string, field: string, fallback: string): string => {
    const mine = this.#mine(which);
    return mine ? String(mine.values?.[field] ?? fallback) : fallback;
  };

  /** use:enhance for form `name`. */
  submit =
    (name: string) =>
    ({ formElement, action }: { formElement: HTMLFormElement; action: URL }) => {
      // "Read metadata" fills the form in: keep what it returns. A saved SAML connection clears it.
      const reading = action.search.includes('samlMetadata');
      this.busy = reading ? 'samlMetadata' : name;
      return async ({ update, result }: Done) => {
        await update({ reset: name === 'saml' && !reading && result.type === 'success' });
        // A typed secret never lingers in the page once saved.
        if (result.type === 'success')
          formElement
            .querySelectorAll<HTMLInputElement>('input[type="password"]')
            .forEach((i) => (i.value = ''));
        this.busy = null;
      };
    };
}
