import { z } from 'zod';
import { defineRoute } from '../http/route';
import * as auth from './auth.service';

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
    responses: { 201: { description: 'created', schema: z.object({ user: ZUser }) } },
    handler: ({ deps, req, body }) => auth.signUp(deps, req, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in; locks the account briefly after repeated failures',
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
    summary: 'Confirm an e-mail address with the token from the mail',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    successStatus: 200,
    body: ZToken,
    responses: { 200: { description: 'verified', schema: z.object({ user: ZUser }) } },
    handler: ({ deps, req, body }) => auth.verifyEmail(deps, req, body.token),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/resend-verification',
    summary: 'Send the verification mail again',
    tags: ['auth'],
    auth: 'user',
    successStatus: 202,
    responses: { 202: { description: 'sent' } },
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
    responses: { 202: { description: 'accepted' } },
    handler: async ({ deps, req, body }) => {
      await auth.requestPasswordReset(deps, req, body.email);
      return { status: 'accepted' };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/reset-password',
    summary: 'Set a new password with the token from the mail; ends every session',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    body: z.object({ token: z.string().min(1).max(200), password: ZPassword }),
    responses: { 204: { description: 'password changed' } },
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
    responses: { 200: { description: 'me' } },
    handler: async ({ deps, auth: a }) => {
      const workspaces = await auth.listWorkspaces(deps, a.userId);
      return {
        user: await auth.loadSessionUser(deps, a.userId),
        workspaces: a.tokenWorkspaceId ? workspaces.filter((w) => w.id === a.tokenWorkspaceId) : workspaces,
      };
    },
  }),
];
