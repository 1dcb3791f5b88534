import MailComposer from "nodemailer/lib/mail-composer/index.js";

/** The message a draft becomes when the server sends it (Date, Message-ID, MIME headers), for the content score. */
export function composeDraft(d: { from: string; to: string; subject: string; text: string }): Promise<Buffer> {
  return new MailComposer({ from: d.from, to: d.to, subject: d.subject, text: d.text }).compile().build();
}
