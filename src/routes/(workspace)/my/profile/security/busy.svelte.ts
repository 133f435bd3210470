// Which of a component's forms is being submitted, so that only its button is disabled meanwhile.
// `track(name)` is a use:enhance callback: it marks `name` busy and clears it once the page updated.
import { submitting } from '$lib/forms/submitting';

export class Busy {
  name = $state.raw<string | null>(null);

  track = (name: string) => submitting((on) => (this.name = on ? name : null));
}
