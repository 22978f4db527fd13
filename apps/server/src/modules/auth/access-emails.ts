import type { Locale, Role } from '@charla/contracts';
import type { Email } from '../../platform/mailer';

const roleNames: Record<Locale, Record<Role, string>> = {
  es: { owner: 'propietario', admin: 'administrador', agent: 'agente' },
  en: { owner: 'owner', admin: 'admin', agent: 'agent' },
};

/** The invitation email, in the inviter's language (the invitee has none yet). */
export function invitationEmail(input: {
  to: string;
  locale: Locale;
  inviterName: string;
  workspaceName: string;
  role: Role;
  url: string;
  expiresAt: Date;
}): Email {
  const role = roleNames[input.locale][input.role];
  const until = input.expiresAt.toISOString().slice(0, 10);
  if (input.locale === 'en') {
    return {
      to: input.to,
      subject: `${input.inviterName} invites you to ${input.workspaceName} on Charla`,
      text: `${input.inviterName} invites you to join ${input.workspaceName} on Charla as ${role}.\n\nOpen this link to choose your name and password (valid until ${until}):\n${input.url}\n\nIf you did not expect this, ignore this email.\n`,
    };
  }
  return {
    to: input.to,
    subject: `${input.inviterName} te invita a ${input.workspaceName} en Charla`,
    text: `${input.inviterName} te invita a unirte a ${input.workspaceName} en Charla como ${role}.\n\nAbre este enlace para elegir tu nombre y tu contraseña (válido hasta el ${until}):\n${input.url}\n\nSi no esperabas esta invitación, ignora este correo.\n`,
  };
}

/** The password reset email, in the member's own language. */
export function passwordResetEmail(input: {
  to: string;
  locale: Locale;
  name: string;
  workspaceName: string;
  url: string;
  minutes: number;
}): Email {
  if (input.locale === 'en') {
    return {
      to: input.to,
      subject: `Choose a new password for ${input.workspaceName} on Charla`,
      text: `Hello ${input.name},\n\nOpen this link within ${input.minutes} minutes to choose a new password. It works once:\n${input.url}\n\nIf you did not ask for it, ignore this email: your password stays as it is.\n`,
    };
  }
  return {
    to: input.to,
    subject: `Elige una contraseña nueva para ${input.workspaceName} en Charla`,
    text: `Hola, ${input.name}:\n\nAbre este enlace en los próximos ${input.minutes} minutos para elegir una contraseña nueva. Sirve una sola vez:\n${input.url}\n\nSi no lo pediste, ignora este correo: tu contraseña no cambia.\n`,
  };
}
