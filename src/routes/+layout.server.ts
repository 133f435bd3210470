import type { LayoutServerLoad } from './$types';

// Never throws: the root error page relies on this data to say *why* something failed.
export const load: LayoutServerLoad = ({ locals }) => {
  const site = locals.site;
  return {
    site: {
      kind: site.kind,
      workspace:
        site.kind === 'workspace' || site.kind === 'suspended'
          ? { slug: site.workspace.slug, name: site.workspace.name }
          : null
    },
    user: locals.auth?.user ?? null
  };
};
