import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { dkimSign } from "mailauth/lib/dkim/sign";
import type { Zone } from "@/test/rig/bind";

/** The loopback address the tests' outside sender connects from; it then speaks (XCLIENT) for FOREIGN_ADDRESS. */
export const FOREIGN_CLIENT = "127.0.14.99";
/** The Internet address the outside sender stands for (documentation range): what Postfix and rspamd judge. */
export const FOREIGN_ADDRESS = "198.51.100.99";

const zone = (name: string, records: string[]): Zone => ({
  name,
  text: [
    `$ORIGIN ${name}.`,
    "$TTL 300",
    `@ IN SOA ns1.${name}. hostmaster.${name}. ( 1 3600 600 86400 300 )`,
    `@ IN NS ns1.${name}.`,
    "ns1 IN A 127.0.14.2",
    ...records,
    "",
  ].join("\n"),
});

// A fixed Ed25519 key, a fixed signing time and Message-ID: the Ed25519 signature has the same bytes on every run.
const friendPrivateKey = createPrivateKey({
  key: Buffer.concat([
    Buffer.from("302e020100300506032b657004220420", "hex"),
    createHash("sha256").update("friend.test DKIM key").digest(),
  ]),
  format: "der",
  type: "pkcs8",
});
const friendPublicKey = createPublicKey(friendPrivateKey).export({ type: "spki", format: "der" }).subarray(-32);
// And an RSA key, as most senders sign with: a new one each run (any key must verify).
const friendRsaKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const friendRsaPublic = friendRsaKey.publicKey.export({ type: "spki", format: "der" }).toString("base64");

/**
 * Two outside domains served by the rig's BIND: friend.test sends from
 * FOREIGN_ADDRESS and signs (SPF, DKIM and DMARC pass); bank.test sends only
 * from elsewhere and asks receivers to quarantine what fails (p=quarantine);
 * shop.test sends from elsewhere too, with no DMARC policy.
 */
export function foreignZones(): Zone[] {
  return [
    zone("friend.test", [
      `@ IN TXT "v=spf1 ip4:${FOREIGN_ADDRESS} -all"`,
      `@ IN MX 10 client.friend.test.`,
      `client IN A ${FOREIGN_ADDRESS}`,
      `s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${friendPublicKey.toString("base64")}"`,
      `s2._domainkey IN TXT ( "v=DKIM1; k=rsa; " "p=${friendRsaPublic.slice(0, 200)}" "${friendRsaPublic.slice(200)}" )`,
      `_dmarc IN TXT "v=DMARC1; p=reject"`,
    ]),
    zone("100.51.198.in-addr.arpa", [`99 IN PTR client.friend.test.`]),
    // Publishes SPF but no DMARC: mail forged from it is only scored (SPF fail), no policy forces an action.
    zone("shop.test", [`@ IN TXT "v=spf1 ip4:192.0.2.98 -all"`]),
    zone("bank.test", [`@ IN TXT "v=spf1 ip4:192.0.2.99 -all"`, `_dmarc IN TXT "v=DMARC1; p=quarantine"`]),
  ];
}

/**
 * A message from friend.test, DKIM-signed with its published RSA (s2) and Ed25519 (s1) keys.
 * The signing time must be given: without it mailauth (4.9) reads the clock twice, once for
 * the t= it signs and once for the t= it writes (Math.round(Date.now() / 1000) each time),
 * and a signature that straddles a half second (RSA signing takes long on a loaded machine)
 * carries a t= other than the one signed: "headers rsa verify failed" at any receiver.
 */
export async function friendMessage(opts: { to: string; subject: string; body?: string }): Promise<string> {
  const message = [
    "From: Friend <friend@friend.test>",
    `To: ${opts.to}`,
    `Subject: ${opts.subject}`,
    "Date: Sun, 29 Nov 2026 12:00:00 +0000",
    `Message-ID: <${createHash("sha256").update(opts.subject).digest("hex").slice(0, 16)}@friend.test>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    opts.body ?? "Hello from a friend.",
    "",
  ].join("\r\n");
  const signed = await dkimSign(message, {
    signatureData: [
      {
        signingDomain: "friend.test",
        selector: "s2",
        privateKey: friendRsaKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        algorithm: "rsa-sha256",
      },
      {
        signingDomain: "friend.test",
        selector: "s1",
        privateKey: friendPrivateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        algorithm: "ed25519-sha256",
      },
    ],
    signTime: new Date("2026-11-29T12:00:00Z"),
  });
  if (signed.errors.length) throw new Error(JSON.stringify(signed.errors));
  return signed.signatures + message;
}

/** A plain message (no signature) with the given header From. */
export function plainMessage(opts: { from: string; to: string; subject: string; body?: string }): string {
  return [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject}`,
    "Date: Sun, 29 Nov 2026 12:00:00 +0000",
    `Message-ID: <${Math.random().toString(36).slice(2)}@postwright.test>`,
    "",
    opts.body ?? "Hello.",
    "",
  ].join("\r\n");
}

/** The GTUBE string: every spam filter scores it as certain spam. */
export const GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
