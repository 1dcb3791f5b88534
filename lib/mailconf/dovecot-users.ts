import { configValue } from "./config-value";
import type { AskedSecret } from "./mail-files";
import type { MailInputs } from "./mail-inputs";

/**
 * The passwd-file of mailbox users. Only mailboxes of the setup with a stored
 * bcrypt hash get a line; the address and the hash are both proved to hold no
 * ':' or line break, so no field can spill into another.
 */
export function renderDovecotUsers(inputs: MailInputs): string {
  const hashes = new Map(inputs.mailboxes.map((m) => [m.address, m.passwordHash]));
  return (
    inputs.doc.mailboxes
      .filter((m) => hashes.has(m.address))
      .map(
        (m, i) =>
          `${configValue(`mailboxes.${i}.address`, "email", m.address)}:{BLF-CRYPT}${configValue(`mailboxes.${i}.passwordHash`, "bcrypt", hashes.get(m.address)!)}::::::`,
      )
      .join("\n") + "\n"
  );
}

/** How install.sh rebuilds the passwd-file when it is left out of a bundle: one hashed password per mailbox. */
export function dovecotUserLines(inputs: MailInputs): AskedSecret[] {
  return inputs.doc.mailboxes.map((m, i) => {
    const address = configValue(`mailboxes.${i}.address`, "email", m.address);
    return {
      id: `mailbox:${address}`,
      question: `Password of the mailbox ${address}`,
      before: `${address}:`,
      after: "::::::",
      hash: "BLF-CRYPT" as const,
    };
  });
}
