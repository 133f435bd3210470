// Every API route is declared through one of these builders; none is declared by hand. A builder takes
// what the route file knows (method, path, summary, request and success schemas, and for token-capable
// routes the one scope) and adds what must never be forgotten: the guard for its access level (which
// also types the handler's context, so `c.get('actor')` exists only behind a guard), the security
// requirement naming the scope, the path parameters and the error answers. The OpenAPI description is
// generated from the result, so the spec states exactly what the guard enforces.
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import * as z from 'zod';
import type { MiddlewareHandler } from 'hono';
import type { Permission } from '../../../src/lib/server/authz/roles';
import { adminGuard, deviceGuard, sessionGuard, userGuard, workspaceGuard } from './guards';
import type { AdminScope, MyScope } from './scope';
import { AGENT_ERRORS, ANY_HOST_ERRORS, WORKSPACE_ERRORS } from './responses';

type Responses = RouteConfig['responses'];

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/admin/hardware/{id}`. */
  path: string;
  /** The reference page's group. */
  tag: string;
  summary: string;
  description?: string;
  request?: Pick<NonNullable<RouteConfig['request']>, 'query' | 'body'>;
  responses: Responses;
}

/** The access levels; `x-ontrackio-access` in the spec. The route-list tests walk them. */
export const ACCESS_LEVELS = ['any-host', 'public', 'session', 'user', 'admin', 'agent', 'device'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/** Security scheme names (openapi/document.ts defines them). */
const SESSION = { session: [] as string[] };
const tokenWith = (scope: string) => ({ apiToken: [scope] });

type Merged<E, R> = Omit<E, keyof R> & R;
type RequestOf<R> = R extends { request: infer Q } ? Q : undefined;

function pathParams(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function build<
  const R extends RouteSpec,
  E extends Responses,
  M extends MiddlewareHandler<any> | undefined // eslint-disable-line @typescript-eslint/no-explicit-any
>(spec: R, access: Access, errors: E, middleware: M, security: Record<string, string[]>[], extensions = {}) {
  const { tag, request, responses, ...rest } = spec as R & { scope?: unknown; permission?: unknown };
  delete (rest as { scope?: unknown }).scope;
  delete (rest as { permission?: unknown }).permission;
  const params = pathParams(spec.path);
  return createRoute({
    ...(rest as Omit<R, 'tag' | 'request' | 'responses'>),
    tags: [tag],
    request: (params ? { ...request, params } : request) as RequestOf<R>,
    responses: { ...errors, ...responses } as Merged<E, R['responses']>,
    security,
    middleware,
    'x-ontrackio-access': access,
    ...extensions
  });
}

/** Any host, no credentials: health and the API description. */
export const anyHostRoute = <const R extends RouteSpec>(spec: R) =>
  build(spec, 'any-host', ANY_HOST_ERRORS, undefined, []);

/** A workspace host, nobody signed in (sign-in itself). */
export const publicRoute = <const R extends RouteSpec>(spec: R) =>
  build(spec, 'public', WORKSPACE_ERRORS, workspaceGuard, []);

/** A browser session only; API tokens are refused (sign-out). */
export const sessionRoute = <const R extends RouteSpec>(spec: R) =>
  build(spec, 'session', WORKSPACE_ERRORS, sessionGuard, [SESSION]);

/** A person on their own items: a session, or a personal token with `scope`; never a service token. */
export const userRoute = <const R extends RouteSpec & { scope: MyScope }>(spec: R) =>
  build(spec, 'user', WORKSPACE_ERRORS, userGuard(spec.scope), [SESSION, tokenWith(spec.scope)], {
    'x-ontrackio-scope': spec.scope
  });

/** The admin console's twins: a role (or service token) with `permission`, a token also with `scope`. */
export const adminRoute = <const R extends RouteSpec & { permission: Permission; scope: AdminScope }>(
  spec: R
) =>
  build(
    spec,
    'admin',
    WORKSPACE_ERRORS,
    adminGuard(spec.permission, spec.scope),
    [SESSION, tokenWith(spec.scope)],
    { 'x-ontrackio-scope': spec.scope, 'x-ontrackio-permission': spec.permission }
  );

/** The agent before it holds a credential (enrolment, automatic pairing). */
export const agentRoute = <const R extends RouteSpec>(spec: R) =>
  build(spec, 'agent', AGENT_ERRORS, workspaceGuard, []);

/** The agent with its device credential. */
export const deviceRoute = <const R extends RouteSpec>(spec: R) =>
  build(spec, 'device', AGENT_ERRORS, deviceGuard, [{ deviceCredential: [] }]);
