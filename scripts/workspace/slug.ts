// Slug checks for the CLI, on top of the one rule in src/lib/server/tenancy/host.ts (not a copy of it).
import { RESERVED_SLUGS, SLUG_PATTERN } from '../../src/lib/server/tenancy/host.ts';
import { CliError } from './errors.ts';

export function assertValidSlug(slug: string | undefined): string {
  if (!slug)
    throw new CliError('Missing --slug: the workspace address, e.g. --slug initech (initech.app.<domain>).');
  if ((RESERVED_SLUGS as readonly string[]).includes(slug))
    throw new CliError(
      `The slug "${slug}" is reserved (${RESERVED_SLUGS.join(', ')} are not workspace addresses). Choose another.`
    );
  if (!SLUG_PATTERN.test(slug))
    throw new CliError(
      `The slug "${slug}" is not valid: use 2-40 lowercase letters, digits and hyphens, starting and ending with a letter or digit (one DNS label).`
    );
  return slug;
}
