import { configValue, hostValue, UnsafeConfigValueError } from "./config-value";
import type { MailInputs } from "./mail-inputs";

/** postmaster@ and abuse@ go to the admin unless the setup already routes them. */
export function effectiveAliases(inputs: MailInputs): { from: string; to: string }[] {
  const { doc } = inputs;
  const taken = new Set([...doc.mailboxes.map((m) => m.address), ...doc.aliases.map((a) => a.from)]);
  const wellKnown = ["postmaster", "abuse"]
    .map((local) => ({ from: `${local}@${doc.domain}`, to: doc.adminEmail }))
    .filter((a) => !taken.has(a.from) && a.from !== a.to);
  return [...doc.aliases, ...wellKnown];
}

const line = (key: string, value: string) => `${key} ${value}`;

/** virtual_mailboxes: the addresses Postfix hands to Dovecot over LMTP. */
export function renderVirtualMailboxes(inputs: MailInputs): string {
  return (
    inputs.doc.mailboxes
      .map((m, i) => line(configValue(`mailboxes.${i}.address`, "email", m.address), "OK"))
      .join("\n") + "\n"
  );
}

export function renderVirtualAliases(inputs: MailInputs): string {
  return (
    effectiveAliases(inputs)
      .map((a, i) =>
        line(configValue(`aliases.${i}.from`, "email", a.from), configValue(`aliases.${i}.to`, "email", a.to)),
      )
      .join("\n") + "\n"
  );
}

/**
 * sender_logins: which login may use which envelope sender on submission. A
 * mailbox sends as itself and as each alias that delivers to it.
 */
export function renderSenderLogins(inputs: MailInputs): string {
  const owners = new Map<string, string[]>();
  for (const m of inputs.doc.mailboxes) owners.set(m.address, [m.address]);
  for (const a of effectiveAliases(inputs)) {
    if (!inputs.doc.mailboxes.some((m) => m.address === a.to)) continue;
    owners.set(a.from, [...(owners.get(a.from) ?? []), a.to]);
  }
  return (
    [...owners]
      .map(([from, logins]) =>
        line(configValue("sender", "email", from), logins.map((l) => configValue("login", "email", l)).join(",")),
      )
      .join("\n") + "\n"
  );
}

/** sasl_passwd for the relay: the key is exactly relayhost's `[host]:port`. */
export function renderSaslPasswd(inputs: MailInputs): string | null {
  const { delivery } = inputs.doc;
  if (delivery.mode !== "relay") return null;
  if (inputs.relayPassword === undefined) return null;
  const key = `[${hostValue("delivery.host", delivery.host)}]:${configValue("delivery.port", "port", delivery.port)}`;
  const user = configValue("delivery.username", "secret", delivery.username);
  // A colon or a space would move the boundary of user:password.
  if (/[\s:]/.test(user))
    throw new UnsafeConfigValueError("delivery.username", "secret", "contains a colon or white space");
  const password = configValue("relayPassword", "secret", inputs.relayPassword);
  return `${key} ${user}:${password}\n`;
}
