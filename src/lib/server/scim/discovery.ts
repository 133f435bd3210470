// The discovery documents (RFC 7644 §4): ServiceProviderConfig, ResourceTypes and Schemas, describing
// exactly what this service supports. The schema texts come from scimmy's RFC 7643 definitions,
// narrowed to the attributes OnTrackio keeps, so a client never maps an attribute that is dropped.
import { scimmy } from './scimmy';
import { ENTERPRISE_USER } from './normalise';
import { USER_SCHEMA } from './user-resource';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const MAX_PAGE = 200;
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

const KEPT: Record<string, readonly string[]> = {
  [USER_SCHEMA]: ['userName', 'name', 'displayName', 'title', 'active', 'emails', 'phoneNumbers', 'groups'],
  [GROUP_SCHEMA]: ['displayName', 'members'],
  [ENTERPRISE_USER]: ['department', 'manager']
};

export function serviceProviderConfig(base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${new URL(base).origin}/admin/settings/provisioning`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A service token with the scim scope, created in Admin › Settings › Provisioning.',
        primary: true
      }
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` }
  };
}

export function resourceTypes(base: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person in this OnTrackio workspace',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` }
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group pushed by the identity provider; an administrator may map it to a role',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` }
    }
  ];
}

export function schemas(base: string) {
  const defs = [scimmy().Schemas.User, scimmy().Schemas.Group, scimmy().Schemas.EnterpriseUser];
  return defs.map((s) => {
    const d = s.definition.describe(`${base}/Schemas`) as { id: string; attributes: { name: string }[] };
    const kept = KEPT[d.id] ?? [];
    return { ...d, attributes: d.attributes.filter((a) => kept.includes(a.name)) };
  });
}

export function listResponse<T>(resources: T[], total: number, startIndex: number) {
  return {
    schemas: [LIST_RESPONSE],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources
  };
}
