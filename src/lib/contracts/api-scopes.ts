// The scopes an API token can hold: one list, one entry per resource and access kind. Every /api/v1
// route declares the one scope it needs (worker/api); a test checks that each route names a scope from
// this list and that each scope here is used by some route, so the list and the routes cannot drift.
// `my:*` scopes let a personal token act on its owner's own items (the My portal's JSON twins);
// `scim` is for the identity provider's provisioning calls (/scim/v2), held only by service tokens.
import * as z from 'zod';

export const API_SCOPES = [
  'my:read',
  'my:write',
  'requests:read',
  'requests:write',
  'people:read',
  'people:write',
  'hardware:read',
  'hardware:write',
  'software:read',
  'software:write',
  'loans:read',
  'loans:write',
  'maintenance:read',
  'maintenance:write',
  'devices:read',
  'devices:write',
  'audit:read',
  'dashboard:read',
  'scim'
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const apiScopeSchema = z.enum(API_SCOPES);

/** What each scope allows, in the words the token pages and docs/api.md use. */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'my:read': 'Read your own hardware, software, loans, requests and notifications',
  'my:write': 'Raise, message and cancel your own requests; acknowledge and report hardware',
  'requests:read': 'Read every request in the workspace',
  'requests:write': 'Approve, reject, fulfil and message requests',
  'people:read': 'Read people, their roles and assignments',
  'people:write': 'Invite, suspend, reactivate people and change roles',
  'hardware:read': 'Read hardware assets, models, categories and locations',
  'hardware:write': 'Add, edit, assign, unassign and import hardware',
  'software:read': 'Read the software catalog and licences',
  'software:write': 'Change the software catalog, licences and seats',
  'loans:read': 'Read the loan pool and loans',
  'loans:write': 'Add, edit and retire pool items; lend and return them',
  'maintenance:read': 'Read maintenance records',
  'maintenance:write': 'Update maintenance records',
  'devices:read': 'Read paired devices (agents)',
  'devices:write': 'Revoke device pairings',
  'audit:read': 'Read and export the audit log',
  'dashboard:read': 'Read the admin dashboard’s figures',
  scim: 'Provision people from the identity provider (SCIM 2.0)'
};
