// Which of a component's forms is being submitted, so that only its button is disabled meanwhile.
// `track(name)` is a use:enhance callback: it marks `name` busy and clears it once the page updated.
type Update = (o?: { reset?: boolean }) => Promise<void>;

export class Busy {
  name = $state.raw<string | null>(null);

  track = (name: string) => () => {
    this.name = name;
    return async ({ update }: { update: Update }) => {
      await update();
      this.name = null;
    };
  };
}
