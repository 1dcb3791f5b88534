import { configValue } from "./config-value";
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
