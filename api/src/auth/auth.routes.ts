import { z } from 'zod';
import { defineRoute } from '../http/route';
import * as auth from './auth.service';
import { ZMe, ZStatusAccepted, ZStatusSent } from './auth.schemas';

const ZEmail = z.email('must be an e-mail address').max(254);
const ZPassword = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');
const ZUser = z.object({ id: z.uuid(), email: z.string(), name: z.string(), emailVerifiedAt: z.string().nullable(), staffRole: z.string().nullable() });
const ZSession = z.object({ accessToken: z.string(), accessTokenExpiresAt: z.string(), refreshToken: z.string(), user: ZUser });
const ZCredentials = z.object({ email: ZEmail, password: z.string().min(1).max(200) });
const ZRefresh = z.object({ refreshToken: z.string().min(1).max(200) });
const ZToken = z.object({ token: z.string().min(1).max(200) });

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/auth/signup',
    summary: 'Create an account (and its personal workspace); sends a verification mail',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    body: z.object({ email: ZEmail, password: ZPassword, name: z.string().trim().min(1).max(100) }),
    responses: {
      201: {
        description:
          'Created, and a verification link mailed. An address that already has an account gets the same answer (its owner is mailed instead and nothing is created), so the form does not tell who has an account.',
        schema: z.object({ user: ZUser }),
      },
      400: { description: 'field errors; a password that is too easy to guess (zxcvbn score below 3) says why and how to improve it' },
    },
    handler: ({ deps, req, body }) => auth.signUp(deps, req, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in; after 5 failed attempts the address is locked for 15 minutes (whether or not it has an account)',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    successStatus: 200,
    body: ZCredentials,
    responses: { 200: { description: 'a session', schema: ZSession } },
    handler: ({ deps, req, body }) => auth.logIn(deps, req, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/admin/auth/login',
    summary: 'Log in to the ops console (staff only)',
    tags: ['auth', 'admin'],
    auth: 'public',
    rateLimit: 'auth',
    successStatus: 200,
    body: ZCredentials,
    responses: { 200: { description: 'a session', schema: ZSession } },
    handler: ({ deps, req, body }) => auth.logIn(deps, req, body, { staffOnly: true }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Rotate the refresh token and get a new access token',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    successStatus: 200,
    body: ZRefresh,
    responses: { 200: { description: 'a new session', schema: ZSession } },
    handler: ({ deps, req, body }) => auth.refreshSession(deps, req, body.refreshToken),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End the session that the refresh token belongs to',
    tags: ['auth'],
    auth: 'public',
    body: ZRefresh,
    responses: { 204: { description: 'logged out' } },
    handler: async ({ deps, req, body }) => {
      await auth.logOut(deps, req, body.refreshToken);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/verify-email',
    summary: 'Confirm an e-mail address with the token from the mail: the sign-up address, or a new address asked for with POST /api/account/email',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    successStatus: 200,
    body: ZToken,
    responses: {
      200: { description: 'verified (after an address change, `user.email` is the new address)', schema: z.object({ user: ZUser }) },
      409: { description: 'the new address was taken by another account in the meantime' },
      410: { description: 'the link expired, was used, or was replaced by a newer one' },
    },
    handler: ({ deps, req, body }) => auth.verifyEmail(deps, req, body.token),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/resend-verification',
    summary: 'Send the verification mail again',
    tags: ['auth'],
    auth: 'user',
    successStatus: 202,
    responses: { 202: { description: 'sent', schema: ZStatusSent } },
    handler: async ({ deps, auth: a }) => {
      await auth.resendVerification(deps, a.userId);
      return { status: 'sent' };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/forgot-password',
    summary: 'Mail a password-reset link (same answer whether or not the account exists)',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    successStatus: 202,
    body: z.object({ email: ZEmail }),
    responses: { 202: { description: 'accepted', schema: ZStatusAccepted } },
    handler: async ({ deps, req, body }) => {
      await auth.requestPasswordReset(deps, req, body.email);
      return { status: 'accepted' };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/reset-password',
    summary: 'Set a new password with the token from the mail; ends every session and every access token at once',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    body: z.object({ token: z.string().min(1).max(200), password: ZPassword }),
    responses: {
      204: { description: 'password changed' },
      400: { description: 'the password is too easy to guess (the link stays usable)' },
      410: { description: 'the link expired or was already used' },
    },
    handler: async ({ deps, req, body }) => {
      await auth.resetPassword(deps, req, body.token, body.password);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/me',
    summary: 'The current user and their workspaces',
    tags: ['auth'],
    auth: 'user',
    responses: { 200: { description: 'me', schema: ZMe } },
    handler: async ({ deps, auth: a }) => {
      const workspaces = await auth.listWorkspaces(deps, a.userId);
      return {
        user: await auth.loadSessionUser(deps, a.userId),
        workspaces: a.tokenWorkspaceId ? workspaces.filter((w) => w.id === a.tokenWorkspaceId) : workspaces,
      };
    },
  }),
];
