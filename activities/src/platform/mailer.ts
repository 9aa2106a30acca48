import nodemailer, { type Transporter } from 'nodemailer';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  template: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ id: string; status: 'sent' | 'kept' | 'failed' }>;
}

/**
 * Every mail is first written to outbox_emails, so nothing is lost. With SMTP_URL it is then sent;
 * without SMTP it stays in the outbox ("kept"), the dev log prints it and the ops console lists it.
 */
export function createMailer({ knex, smtpUrl, from, logger }: { knex: Knex; smtpUrl?: string; from: string; logger: Logger }): Mailer {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail) {
      const [row] = await knex('outbox_emails')
        .insert({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, template: mail.template, status: transport ? 'pending' : 'kept' })
        .returning('id');
      const id = row.id as string;
      if (!transport) {
        logger.info({ outboxId: id, template: mail.template, subject: mail.subject }, `mail kept in outbox (no SMTP_URL):\n${mail.text}`);
        return { id, status: 'kept' };
      }
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
        await knex('outbox_emails').where({ id }).update({ status: 'sent', sentAt: knex.fn.now(), attempts: 1 });
        return { id, status: 'sent' };
      } catch (err) {
        logger.warn({ err, outboxId: id }, 'SMTP send failed; mail stays in the outbox');
        await knex('outbox_emails').where({ id }).update({ status: 'failed', attempts: 1, lastError: (err as Error).message });
        return { id, status: 'failed' };
      }
    },
  };
}
