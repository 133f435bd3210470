// This workspace's SAML service-provider metadata (entity id, ACS URL), for the administrator to
// give their identity provider. Public by design: it holds no secret.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { spMetadataXml } from '$lib/server/sso/saml-sp';

export const GET: RequestHandler = ({ locals, url }) => {
  if (locals.site.kind !== 'workspace') error(404, { message: 'Page not found', code: 'not_found' });
  return new Response(spMetadataXml(url.origin), {
    headers: {
      'content-type': 'application/samlmetadata+xml; charset=utf-8',
      'cache-control': 'public, max-age=300'
    }
  });
};
