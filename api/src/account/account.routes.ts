import { z } from 'zod';
import { defineRoute } from '../http/route';
import { problem } from '../teams/teams.routes';
import { ZAccount, ZAccountSessions, ZAccountUser, ZEmailChangeRequested } from './account.schemas';
import { changePassword, deleteAccount, endOtherSessions, endSession, getAccount, listSessions, renameAccount, requestEmailChange } from './account.service';

// The account page (issue 11 §4). Credential changes need a login session (not an API token) and the password.

const ZPasswordInput = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const ZNewPassword = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const accountRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/account',
    summary: 'The current user’s account and the id of their personal workspace',
    tags: ['account'],
    auth: 'user',
    responses: { 200: { description: 'the account', schema: ZAccount } },
    handler: ({ deps, auth }) => getAccount(deps, auth),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/account',
    summary: 'Change the display name',
    tags: ['account'],
    auth: 'user',
    body: z.object({ name: z.string().trim().min(1).max(100) }),
    responses: { 200: { description: 'the user', schema: ZAccountUser } },
    handler: ({ deps, req, auth, body }) => renameAccount(deps, req, auth, body.name),
  }),
  defineRoute({
    method: 'post',
    path: '/api/account/email',
    summary: 'Ask to change the e-mail address; it changes only when the link mailed to the new address is used (POST /api/auth/verify-email)',
    tags: ['account'],
    auth: 'user',
    successStatus: 202,
    body: z.object({ email: z.email('must be an e-mail address').max(254), password: ZPasswordInput }),
    responses: {
      202: {
        description:
          'A confirmation link was mailed to the new address (valid 24 hours; a newer request replaces it) and a notice to the current one. The same answer is given when the address belongs to another account.',
        schema: ZEmailChangeRequested,
      },
      400: problem('not an e-mail address, already your address, or the password is wrong (field errors)'),
      403: problem('with an API token: log in instead'),
      429: problem('too many wrong passwords: the account is locked for a while'),
    },
    handler: ({ deps, req, auth, body }) => requestEmailChange(deps, req, auth, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/account/password',
    summary: 'Change the password; ends every other session and every access token issued before',
    tags: ['account'],
    auth: 'user',
    body: z.object({ currentPassword: ZPasswordInput, newPassword: ZNewPassword }),
    responses: {
      204: {
        description:
          'Changed. Every other session is ended, and every access token issued before stops working at once, this one included. This session stays: exchange its refresh token (POST /api/auth/refresh) for a new access token, as after any 401.',
      },
      400: problem('the current password is wrong, or the new one is too easy to guess (field errors with advice)'),
      403: problem('with an API token: log in instead'),
      429: problem('too many wrong passwords: the account is locked for a while'),
    },
    handler: async ({ deps, req, auth, body }) => {
      await changePassword(deps, req, auth, body);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/account/sessions',
    summary: 'The account’s active sessions (logins), most recently used first',
    tags: ['account'],
    auth: 'user',
    responses: { 200: { description: 'sessions', schema: ZAccountSessions }, 403: problem('with an API token: log in instead') },
    handler: ({ deps, auth }) => listSessions(deps, auth),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/account/sessions/:sessionId',
    summary: 'End one session: its refresh token and its access tokens stop working at once',
    tags: ['account'],
    auth: 'user',
    params: z.object({ sessionId: z.string() }),
    responses: { 204: { description: 'ended' }, 404: problem('no active session of yours with that id') },
    handler: async ({ deps, req, auth, params }) => {
      await endSession(deps, req, auth, params.sessionId);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/account/sessions',
    summary: 'End every session except this one',
    tags: ['account'],
    auth: 'user',
    responses: { 204: { description: 'every other session ended' } },
    handler: async ({ deps, req, auth }) => {
      await endOtherSessions(deps, req, auth);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/account',
    summary: 'Delete the account (needs the password and the account’s e-mail address typed again)',
    tags: ['account'],
    auth: 'user',
    body: z.object({ password: ZPasswordInput, confirmEmail: z.string().trim().min(1).max(254) }),
    responses: {
      204: {
        description:
          'Deleted, and every session with it. The personal workspace is deleted with all its data (repositories, runs, findings, fixes, API tokens), and so is any team of which the user was the only member. Teams with other members keep all their data: the membership is removed, ownership passes to the longest-standing other admin, and audit entries keep the name and e-mail address recorded with them.',
      },
      400: problem('the password is wrong, or confirmEmail is not the account’s address (field errors)'),
      403: problem('with an API token: log in instead'),
      409: problem('the last admin of a team with other members (make someone else admin first; `teams` lists them), or a staff account'),
      429: problem('too many wrong passwords: the account is locked for a while'),
    },
    handler: async ({ deps, req, auth, body }) => {
      await deleteAccount(deps, req, auth, body);
    },
  }),
];
