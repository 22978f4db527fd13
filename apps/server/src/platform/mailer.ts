import nodemailer from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Sends email through the configured SMTP server; `null` when none is configured. */
export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl: string | undefined; from: string }): Mailer | null {
  if (!opts.smtpUrl) return null;
  const transport = nodemailer.createTransport(opts.smtpUrl, { from: opts.from });
  return {
    async send(email) {
      await transport.sendMail({ to: email.to, subject: email.subject, text: email.text });
    },
    close: () => transport.close(),
  };
}

/** `Charla <no-reply@host>` for the public URL's host. */
export function defaultSender(publicUrl: string): string {
  return `Charla <no-reply@${new URL(publicUrl).hostname}>`;
}
