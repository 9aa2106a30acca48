import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';

// A real SMTP server: smtp-server in this process on 127.0.0.1 (random port, AUTH required), which the API reaches
// through SMTP_URL exactly as in production (activities/src/platform/mailer.ts, nodemailer). What it receives is
// parsed with mailparser, as a mail client would.
const SMTP_USER = 'argus-mailer';
const SMTP_PASSWORD = 'smtp-password-for-tests';
const FROM = 'Argus Test <no-reply@argus.test>';
const PORTAL_URL = 'https://portal.argus.test';
const REFUSED = 'refused-recipient@example.test';

interface Received {
  mail: ParsedMail;
  envelope: SMTPServerSession['envelope'];
  user: unknown;
}

let env: TestEnv;
let smtp: SMTPServer;
const inbox: Received[] = [];
const password = 'correct horse battery';

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push({ mail, envelope: session.envelope, user: session.user });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  env = await createTestEnv({ SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`, MAIL_FROM: FROM, PORTAL_URL });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function mailTo(address: string): Promise<Received> {
  await expect.poll(() => inbox.filter((m) => m.envelope.rcptTo.some((r) => r.address === address)).length, { timeout: 10_000 }).toBe(1);
  return inbox.find((m) => m.envelope.rcptTo.some((r) => r.address === address))!;
}

describe('mail over a real SMTP server (SMTP_URL)', () => {
  it('sends the sign-up verification mail: from, to, subject, text, and a link that verifies the address', async () => {
    const email = `smtp-signup-${Date.now()}@example.test`;
    await request(env.app).post('/api/auth/signup').send({ email, password, name: 'Ada Lovelace' }).expect(201);

    const { mail, envelope, user } = await mailTo(email);
    expect(user, 'logged in with the credentials of SMTP_URL').toBe(SMTP_USER);
    expect(envelope.mailFrom && envelope.mailFrom.address).toBe('no-reply@argus.test');
    expect(envelope.rcptTo.map((r) => r.address)).toEqual([email]);
    expect(mail.from?.value).toEqual([{ address: 'no-reply@argus.test', name: 'Argus Test' }]);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
    expect(to.map((a) => a.address)).toEqual([email]);
    expect(mail.subject).toBe('Confirm your e-mail address for Argus');
    expect(mail.text).toContain('Hello Ada Lovelace,');
    expect(mail.html).toBe(false);

    const links = mail.text!.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toHaveLength(1);
    const link = new URL(links[0]!);
    expect(`${link.origin}${link.pathname}`).toBe(`${PORTAL_URL}/verify-email`);
    const token = link.searchParams.get('token')!;
    expect(token).toMatch(/^[\w-]{20,}$/);

    // The outbox row records the delivery.
    const row = await env.knex('outbox_emails').where({ toAddress: email, template: 'verify-email' }).first();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, subject: 'Confirm your e-mail address for Argus' });
    expect(row.sentAt).not.toBeNull();

    // The link is the right one: the token it carries verifies this address (once).
    const verified = await request(env.app).post('/api/auth/verify-email').send({ token }).expect(200);
    expect(verified.body.user.email).toBe(email);
    expect(verified.body.user.emailVerifiedAt).not.toBeNull();
    await request(env.app).post('/api/auth/verify-email').send({ token }).expect(410);
  });

  it('keeps a mail the SMTP server refuses in the outbox as failed, with the server reply', async () => {
    const before = inbox.length;
    await request(env.app).post('/api/auth/signup').send({ email: REFUSED, password, name: 'Nobody' }).expect(201);
    const row = await env.knex('outbox_emails').where({ toAddress: REFUSED }).first();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/550|Mailbox unavailable/);
    expect(row.sentAt).toBeNull();
    expect(inbox.length).toBe(before);
  });
});
