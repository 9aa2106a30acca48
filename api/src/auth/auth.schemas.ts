import { z } from 'zod';
import { STAFF_ROLES, WORKSPACE_ROLES } from '../access/permissions';
import { ZInstant } from '../openapi/schemas';

// Response shapes of GET /api/me (auth.routes.ts): loadSessionUser and listWorkspaces in auth.service.ts.

const ZMeUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  emailVerifiedAt: ZInstant.nullable(),
  staffRole: z.enum(STAFF_ROLES).nullable(),
});

const ZMeWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  kind: z.enum(['personal', 'team']),
  role: z.enum(WORKSPACE_ROLES),
  memberCount: z.number().int(),
  settings: z.object({ maxRepositories: z.number().int(), maxConcurrentRuns: z.number().int() }),
});

export const ZMe = z
  .object({ user: ZMeUser, workspaces: z.array(ZMeWorkspace).meta({ description: 'Personal workspace first; only the token’s workspace for an API token' }) })
  .meta({ id: 'Me' });

export const ZStatusSent = z.object({ status: z.literal('sent') });
export const ZStatusAccepted = z.object({ status: z.literal('accepted') });
