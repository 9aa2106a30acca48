import nodemailer, { type Transporter } from 'nodemailer';
import { insertOutboxEmail, insertOutboxEmails, markOutboxEmailFailed, markOutboxEmailSent, type Db } from '@argus/db';
import type { Logger } from 'pino';
import { redactTokens } from './scrub';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  template: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ id: string; status: 'sent' | 'kept' | 'failed' }>;
  /** Many mails: written to the outbox in one statement, then sent one by one (with SMTP). Answers how many were queued. */
  sendMany(mails: OutgoingMail[]): Promise<number>;
}

/**
 * Every mail is first written to outbox_emails, so nothing is lost. With SMTP_URL it is then sent;
 * without SMTP it stays in the outbox ("kept") and the ops console lists it (its links whole for super admins
 * only). The log prints kept mail with every token masked: logs reach far more people than mailboxes do.
 */
export function createMailer({ knex, smtpUrl, from, logger }: { knex: Db; smtpUrl?: string; from: string; logger: Logger }): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail) {
      const id = await insertOutboxEmail(knex, { toAddress: mail.to, subject: mail.subject, textBody: mail.text, template: mail.template, status: transport ? 'pending' : 'kept' });
      if (!transport) {
        logger.info(
          { outboxId: id, template: mail.template, subject: mail.subject },
          `mail kept in outbox (no SMTP_URL; a super admin sees its links in the ops console, Outbox):\n${redactTokens(mail.text)}`,
        );
        return { id, status: 'kept' };
      }
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
        await markOutboxEmailSent(knex, id);
        return { id, status: 'sent' };
      } catch (err) {
        logger.warn({ err, outboxId: id }, 'SMTP send failed; mail stays in the outbox');
        await markOutboxEmailFailed(knex, id, (err as Error).message);
        return { id, status: 'failed' };
      }
    },
    async sendMany(mails) {
      if (!mails.length) return 0;
      const ids = await insertOutboxEmails(knex, mails.map((m) => ({ toAddress: m.to, subject: m.subject, textBody: m.text, template: m.template, status: transport ? 'pending' : 'kept' })));
      if (!transport) {
        logger.info({ count: ids.length, template: mails[0]!.template }, 'mails kept in outbox (no SMTP_URL)');
        return ids.length;
      }
      for (const [i, mail] of mails.entries()) {
        try {
          await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
          await markOutboxEmailSent(knex, ids[i]!);
        } catch (err) {
          logger.warn({ err, outboxId: ids[i] }, 'SMTP send failed; mail stays in the outbox');
          await markOutboxEmailFailed(knex, ids[i]!, (err as Error).message);
        }
      }
      return ids.length;
    },
  };
}
