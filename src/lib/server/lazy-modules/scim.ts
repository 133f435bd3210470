// Entry of scimmy (SCIM 2.0 schemas, filters, PatchOp) as one separately loaded module: only the
// SCIM provisioning app (/scim/v2) needs it.
export { default as SCIMMY } from 'scimmy';
