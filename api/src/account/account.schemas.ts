import { z } from 'zod';
import { ZInstant } from '../openapi/schemas';

// Response shapes of the account page's API (account.routes.ts).

export const ZAccountUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    emailVerifiedAt: ZInstant.nullable(),
    pendingEmail: z.string().nullable().meta({ description: 'An address asked for with POST /api/account/email, not yet confirmed from the link mailed there' }),
    createdAt: ZInstant,
  })
  .meta({ id: 'AccountUser' });

export const ZAccount = z.object({ user: ZAccountUser, personalWorkspaceId: z.string() }).meta({ id: 'Account' });

export const ZEmailChangeRequested = z.object({ status: z.literal('sent'), pendingEmail: z.string() });

const ZAccountSession = z
  .object({
    id: z.string().meta({ description: 'The session (one login, across all its token refreshes)' }),
    createdAt: ZInstant.meta({ description: 'When the user logged in' }),
    lastUsedAt: ZInstant.meta({ description: 'When the session last logged in or refreshed its access token (about every 15 minutes while in use)' }),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    current: z.boolean().meta({ description: 'The session making this request' }),
  })
  .meta({ id: 'AccountSession' });

export const ZAccountSessions = z.object({ items: z.array(ZAccountSession) }).meta({ id: 'AccountSessions' });
