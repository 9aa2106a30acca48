import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { GitHubApiLoopback, LoopbackInstallation } from './github-loopback';

type App = Parameters<typeof request>[0];

/**
 * The GitHub App flow as a customer goes through it, through Argus's API only (no database writes): sign up, make
 * a team, click "Install the GitHub App", authorize on GitHub (the loopback), land on the callback, pick repositories.
 */

/** A real account: signed up and logged in through the API. */
export async function signUp(app: App, name = 'Pat') {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}@example.test`;
  const password = `A long and unusual passphrase ${randomUUID()}`;
  await request(app).post('/api/auth/signup').send({ email, password, name }).expect(201);
  const session = await request(app).post('/api/auth/login').send({ email, password }).expect(200);
  return { email, password, userId: session.body.user.id as string, authHeader: `Bearer ${session.body.accessToken as string}` };
}

export async function createTeam(app: App, authHeader: string, name = 'Acme') {
  const res = await request(app).post('/api/teams').set('authorization', authHeader).send({ name: `${name} ${randomUUID().slice(0, 6)}` }).expect(201);
  return res.body as { id: string; name: string };
}

/** "Install the GitHub App": the state Argus put in the install URL. */
export async function startInstall(app: App, authHeader: string, workspaceId: string) {
  const res = await request(app).post(`/api/workspaces/${workspaceId}/github/install`).set('authorization', authHeader).expect(200);
  const installUrl = new URL(res.body.installUrl as string);
  return { installUrl, state: installUrl.searchParams.get('state')! };
}

/** The whole link step: install URL → GitHub authorizes `login` → the callback's parameters posted to Argus. */
export async function linkInstallation(app: App, authHeader: string, github: GitHubApiLoopback, workspaceId: string, installation: LoopbackInstallation, login: string) {
  const { state } = await startInstall(app, authHeader, workspaceId);
  const code = github.authorize(login);
  const res = await request(app).post('/api/github/setup').set('authorization', authHeader).send({ state, code, installationId: installation.id, setupAction: 'install' }).expect(200);
  return res.body as { status: 'linked'; workspaceId: string; installation: { id: string; installationId: number } };
}

export async function activateRepository(app: App, authHeader: string, installationRowId: string, githubRepoId: number, active = true) {
  const res = await request(app).put(`/api/github/installations/${installationRowId}/repositories/${githubRepoId}`).set('authorization', authHeader).send({ active }).expect(200);
  return res.body as { githubRepoId: number; fullName: string; active: boolean; repositoryId: string | null };
}

/** A signed webhook delivery, as GitHub sends it. */
export function deliverWebhook(app: App, secret: string, event: string, payload: unknown, deliveryId: string = randomUUID()) {
  const body = JSON.stringify(payload);
  return request(app)
    .post('/webhooks/github')
    .set('content-type', 'application/json')
    .set('x-github-event', event)
    .set('x-github-delivery', deliveryId)
    .set('x-hub-signature-256', `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
    .send(body);
}
