import "@/test/temp-db";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  getMailboxesWithPassword,
  getMailboxPasswordHashes,
  getRelayPassword,
  getSetupByDomain,
  markStepComplete,
  saveSetup,
} from "./store";

const doc = {
  domain: "store.example.test",
  ipv4: "203.0.113.60",
  adminEmail: "owner@example.org",
  mailboxes: [{ address: "ana@store.example.test", password: "a long mailbox password" }],
  delivery: { mode: "relay", host: "smtp.relay.example.net", port: 587, username: "u", password: "relay-secret-value" },
};

describe("setup store", () => {
  it("saves, seals secrets, keeps hashes on later saves and refuses stale versions", async () => {
    const first = await saveSetup(doc);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const id = first.setup.id;
    expect(first.setup.document).not.toHaveProperty("delivery.password");
    const [hash] = await getMailboxPasswordHashes(id);
    expect(await bcrypt.compare("a long mailbox password", hash.hash)).toBe(true);
    expect(await getRelayPassword(id)).toBe("relay-secret-value");
    const raw = await db.secret.findMany({ select: { ciphertext: true } });
    expect(JSON.stringify(raw)).not.toContain("relay-secret-value");

    // A save without passwords keeps them; an added mailbox gets its own.
    const second = await saveSetup(
      {
        ...doc,
        delivery: { ...doc.delivery, password: undefined },
        mailboxes: [
          { address: "ana@store.example.test" },
          { address: "bob@store.example.test", password: "another long one" },
        ],
      },
      { id, expectedVersion: 1 },
    );
    expect(second.ok && second.setup.version).toBe(2);
    expect((await getMailboxPasswordHashes(id)).map((m) => m.address).sort()).toEqual([
      "ana@store.example.test",
      "bob@store.example.test",
    ]);
    // The preview's list: the same addresses, read without decrypting anything.
    expect(await getMailboxesWithPassword(id)).toEqual(["ana@store.example.test", "bob@store.example.test"]);
    expect(await getRelayPassword(id)).toBe("relay-secret-value");

    // A save made from version 1 after version 2 exists is refused, and changes nothing.
    const stale = await saveSetup({ ...doc, ipv4: "203.0.113.61" }, { id, expectedVersion: 1 });
    expect(stale).toEqual({ ok: false, reason: "conflict" });
    expect((await getSetupByDomain("store.example.test"))!.document.ipv4).toBe("203.0.113.60");

    // Removing a mailbox removes its hash; direct mode drops the relay password.
    await saveSetup({ ...doc, delivery: { mode: "direct" }, mailboxes: [] }, { id });
    expect(await getMailboxPasswordHashes(id)).toEqual([]);
    expect(await getMailboxesWithPassword(id)).toEqual([]);
    expect(await getRelayPassword(id)).toBeNull();

    await markStepComplete(id, "dns");
    expect((await getSetupByDomain("STORE.example.test"))!.marks).toContain("dns");
  });

  it("refuses a second setup for the same domain and an invalid document", async () => {
    expect(await saveSetup({ ...doc, domain: "other.example.test", mailboxes: [] })).toMatchObject({ ok: true });
    const again = await saveSetup({ ...doc, domain: "other.example.test", mailboxes: [] });
    expect(again).toEqual({ ok: false, reason: "domain-taken" });
    const bad = await saveSetup({ ...doc, hostname: "bad host" });
    expect(bad.ok === false && bad.reason).toBe("invalid");
  });
});
