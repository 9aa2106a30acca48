import type { Request, Response } from 'express';
import type { ZodObject, ZodType } from 'zod';
import type { AppDeps } from '../app-deps';
import type { AuthContext } from '../auth/auth-context';
import type { StaffPermission } from '../access/permissions';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteResponse {
  description: string;
  schema?: ZodType;
  contentType?: string;
}

interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  /** Present on every route whose `auth` is not 'public'. */
  auth: AuthContext;
  deps: AppDeps;
}

/**
 * A route is data: the router mounts it, the OpenAPI generator documents it, and the tenant-isolation
 * test walks every route that takes an id. Handlers return the body; `undefined` answers 204.
 */
export interface RouteSpec<P = any, Q = any, B = any> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  auth: 'public' | 'user' | 'staff';
  staffPermission?: StaffPermission;
  params?: ZodObject<any>;
  query?: ZodObject<any>;
  body?: ZodType<B>;
  successStatus?: number;
  responses?: Record<number, RouteResponse>;
  /** A JSON body larger than the default 1 MB (e.g. '50mb' for SARIF), parsed only after authentication. */
  jsonBodyLimit?: string;
  /** Hand the handler the raw body (as a Buffer, up to 25 MB) instead of parsed JSON, e.g. to verify a signature. */
  rawBody?: boolean;
  /** Rate-limit bucket name for sensitive public endpoints. */
  rateLimit?: 'auth';
  handler: (ctx: HandlerContext<P, Q, B>) => Promise<unknown> | unknown;
}

export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B> & { params?: ZodType<P>; query?: ZodType<Q> }): RouteSpec {
  return spec as RouteSpec;
}
