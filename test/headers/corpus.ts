import { createRequire } from "node:module";
import { generateDkimKey, type DkimKeyPair } from "@/lib/dkim/generate-dkim-key";
import { dkimTxtValue } from "@/lib/dns/dkim-txt";
import { buildDnsPlan } from "@/lib/dns/plan";
import { chunkTxt, quoteTxt } from "@/lib/dns/txt-chunks";
import { renderZoneFile } from "@/lib/dns/zone-file";
import { setupInputSchema, withoutSecrets } from "@/lib/setup/schema";
import type { Zone } from "../rig/bind";

// Through require: Playwright's ESM loader wants file extensions on mailauth's subpaths, vitest does not mind either way.
const require = createRequire(import.meta.url);
const { sealMessage } = require("mailauth/lib/arc") as typeof import("mailauth/lib/arc");
const { dkimSign } = require("mailauth/lib/dkim/sign") as typeof import("mailauth/lib/dkim/sign");

/**
 * Received messages shaped as Gmail, Outlook.com, Yahoo and Fastmail write them
 * (header order and syntax from RFC 8601/8617 examples and the providers' own
 * samples), whose signatures are real: the bodies are signed with the test
 * setup's DKIM key and sealed (ARC) with keys the rig's BIND serves, so the
 * header reader's own verification runs against DNS as it would for a user.
 */

export const SERVER_IP = "192.0.2.10";
export const RELAY_IP = "198.51.100.25";
export const FORWARDER_IP = "203.0.113.7";
const DATE = "Wed, 01 May 2024 17:00:00 +0000";

export const setup = withoutSecrets(
  setupInputSchema.parse({
    domain: "example.test",
    ipv4: SERVER_IP,
    adminEmail: "admin@example.test",
    dmarc: { policy: "quarantine" },
  }),
);

export interface CorpusKeys {
  own: DkimKeyPair;
  relay: DkimKeyPair;
  google: DkimKeyPair;
  forwarder: DkimKeyPair;
}

export async function makeKeys(): Promise<CorpusKeys> {
  const [own, relay, google, forwarder] = await Promise.all([0, 1, 2, 3].map(() => generateDkimKey("rsa-2048")));
  return { own, relay, google, forwarder };
}

let serial = 100;
const soa = (name: string) =>
  `$ORIGIN ${name}.\n$TTL 60\n@ IN SOA ns1.${name}. hostmaster.${name}. ( ${++serial} 3600 600 86400 30 )\n@ IN NS ns1.${name}.\nns1 IN A 127.0.0.1\n`;
const txt = (name: string, value: string) => `${name} IN TXT ${chunkTxt(value).map(quoteTxt).join(" ")}\n`;

/** The zones the corpus needs: the setup's own (its DNS plan), the relay's, Google's ARC key, the forwarder's. */
export function corpusZones(keys: CorpusKeys): Zone[] {
  const plan = buildDnsPlan(setup, {
    dkimKeys: [{ selector: "pw1", algorithm: "rsa-2048", publicKey: keys.own.publicKey, status: "active" }],
  });
  return [
    {
      name: setup.domain,
      text:
        renderZoneFile(plan.records, { origin: setup.domain, serial: ++serial, nameservers: ["ns1.example.test"] }) +
        "ns1 IN A 127.0.0.1\n",
    },
    {
      name: "relay.test",
      text:
        soa("relay.test") +
        txt("relay1._domainkey", dkimTxtValue("rsa-2048", keys.relay.publicKey)) +
        txt("bounce", `v=spf1 ip4:${RELAY_IP} -all`) +
        `smtp IN A ${RELAY_IP}\n`,
    },
    {
      name: "google.com",
      text: soa("google.com") + txt("arc-20160816._domainkey", dkimTxtValue("rsa-2048", keys.google.publicKey)),
    },
    {
      name: "forwarder.test",
      text:
        soa("forwarder.test") +
        txt("arc._domainkey.lists", dkimTxtValue("rsa-2048", keys.forwarder.publicKey)) +
        txt("lists", `v=spf1 ip4:${FORWARDER_IP} -all`) +
        txt("_dmarc", "v=DMARC1; p=none"),
    },
  ];
}

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const headers = (lines: string[]) => crlf(lines.join("\n") + "\n");

/** The message as the user's server writes it, before signing. */
export function draft(body = "Hello,\n\nthis is the first message from my new mail server.\n\nAnna\n"): string {
  return crlf(
    [
      "From: Anna <anna@example.test>",
      "To: Me <me@receiver.test>",
      "Subject: Test message from my new server",
      `Date: ${DATE}`,
      "Message-ID: <20240501170000.1@example.test>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 7bit",
      "",
      body,
    ].join("\n"),
  );
}

export async function sign(message: string, domain: string, selector: string, key: DkimKeyPair): Promise<string> {
  const signed = await dkimSign(message, {
    canonicalization: "relaxed/relaxed",
    signatureData: [{ signingDomain: domain, selector, privateKey: key.privateKeyPem, algorithm: "rsa-sha256" }],
    // Without it mailauth reads the clock twice for t= (see test/mail/foreign-world.ts) and a slow RSA signature can fail.
    signTime: new Date(),
  });
  if (signed.errors.length) throw new Error(String(signed.errors[0]));
  return signed.signatures + message;
}

/** Signed by the user's server with the setup's key (selector pw1). */
export const signedByUs = (message = draft(), selector = "pw1", keys: CorpusKeys) =>
  sign(message, setup.domain, selector, keys.own);

/** What a footer-adding relay or list does after signing: the body changes. */
export const withFooter = (message: string) =>
  message.replace(/\r\n$/, "\r\n--\r\nSent through a relay that adds footers\r\n");

async function seal(
  message: string,
  domain: string,
  selector: string,
  key: DkimKeyPair,
  authResults: string,
  cv: string,
) {
  const set = await sealMessage(Buffer.from(message), {
    signingDomain: domain,
    selector,
    privateKey: key.privateKeyPem,
    authResults,
    cv,
    signTime: new Date("2024-05-01T17:00:01Z"),
  });
  return set.toString() + message;
}

/** Gmail: its own ARC set (i=N) above Return-Path, Received, Received-SPF and Authentication-Results. */
async function gmail(
  inner: string,
  o: { ip: string; helo: string; mailfrom: string; ar: string; spf: string; cv?: string; keys: CorpusKeys },
) {
  const received = headers([
    `Return-Path: <${o.mailfrom}>`,
    `Received: from ${o.helo} (${o.helo}. [${o.ip}])`,
    "        by mx.google.com with ESMTPS id a640c23a62f3a-a58d1bf2a1esi123456766b.401.2024.05.01.10.00.00",
    "        for <me@receiver.test>",
    "        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);",
    "        Wed, 01 May 2024 10:00:00 -0700 (PDT)",
    `Received-SPF: ${o.spf}`,
    "Authentication-Results: mx.google.com;",
    ...o.ar.split("\n").map((l) => `       ${l}`),
  ]);
  const sealed = await seal(
    received + inner,
    "google.com",
    "arc-20160816",
    o.keys.google,
    `mx.google.com;\r\n       ${o.ar.split("\n").join("\r\n       ")}`,
    o.cv ?? "none",
  );
  return (
    headers([
      "Delivered-To: me@receiver.test",
      "Received: by 2002:a05:6358:6f05:b0:18a:6b4e:1c4f with SMTP id q5csp123456rwn;",
      "        Wed, 1 May 2024 10:00:01 -0700 (PDT)",
      "X-Received: by 2002:a17:907:7d8b:b0:a58:7c4b:2f1 with SMTP id oz11-20020a1709077d8b00b00a587c4b02f1mr1234567ejc.36.1714582801123;",
      "        Wed, 01 May 2024 10:00:01 -0700 (PDT)",
    ]) + sealed
  );
}

export interface CorpusCase {
  name: string;
  receiver: string;
  source: string;
  /** mechanism/source → [status, reason key, fix key?] */
  expect: Record<string, [string, string, string?]>;
  dmarcPassed: boolean;
}

export async function buildCorpus(keys: CorpusKeys): Promise<CorpusCase[]> {
  const ours = await signedByUs(draft(), "pw1", keys);

  // 1. Gmail, sent directly: everything passes.
  const pass = await gmail(ours, {
    ip: SERVER_IP,
    helo: "mail.example.test",
    mailfrom: "anna@example.test",
    spf: `pass (google.com: domain of anna@example.test designates ${SERVER_IP} as permitted sender) client-ip=${SERVER_IP};`,
    ar: [
      "dkim=pass header.i=@example.test header.s=pw1 header.b=AbCdEfGh;",
      `spf=pass (google.com: domain of anna@example.test designates ${SERVER_IP} as permitted sender) smtp.mailfrom=anna@example.test;`,
      "dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.test",
    ].join("\n"),
    keys,
  });

  // 2. Outlook.com, through an ISP smarthost that keeps the envelope: SPF fails (relay not in the record), DKIM carries DMARC.
  const viaRelay =
    headers([
      "Received: from DM6PR11MB4123.namprd11.prod.outlook.com (2603:10b6:5:2bb::11) by",
      " SA1PR11MB8275.namprd11.prod.outlook.com with HTTPS; Wed, 1 May 2024 17:00:02",
      " +0000",
      "Received: from BN8NAM11FT012.eop-nam11.prod.protection.outlook.com",
      " (2603:10b6:408:e6:cafe::5b) by BN9PR03CA0123.outlook.office365.com",
      " (2603:10b6:408:130::28) with Microsoft SMTP Server (version=TLS1_2,",
      " cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7519.36 via Frontend",
      " Transport; Wed, 1 May 2024 17:00:01 +0000",
      `Authentication-Results: spf=fail (sender IP is ${RELAY_IP})`,
      " smtp.mailfrom=example.test; dkim=pass (signature was verified)",
      " header.d=example.test;dmarc=pass action=none",
      " header.from=example.test;compauth=pass reason=100",
      "Received-SPF: Fail (protection.outlook.com: domain of example.test does not",
      ` designate ${RELAY_IP} as permitted sender)`,
      ` receiver=protection.outlook.com; client-ip=${RELAY_IP};`,
      " helo=smtp.relay.test;",
      `Received: from smtp.relay.test (${RELAY_IP}) by`,
      " BN8NAM11FT012.mail.protection.outlook.com (10.13.177.77) with Microsoft SMTP",
      " Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id",
      ` 15.20.7519.36 via Frontend Transport; ${DATE}`,
      "X-MS-Exchange-Organization-ExpirationStartTime: 01 May 2024 17:00:01.1234",
      "X-MS-Exchange-Organization-AuthSource: BN8NAM11FT012.eop-nam11.prod.protection.outlook.com",
      "X-MS-Exchange-Organization-AuthAs: Anonymous",
      "X-MS-Exchange-Organization-SCL: 1",
      `X-Forefront-Antispam-Report: CIP:${RELAY_IP};CTRY:FR;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:smtp.relay.test;PTR:smtp.relay.test;CAT:NONE;SFS:(13230031)(4636009)(1800799015);DIR:INB;`,
      "X-Microsoft-Antispam: BCL:0;",
      `Received: from mail.example.test (mail.example.test [${SERVER_IP}]) by smtp.relay.test with ESMTPSA id 4VTnqG1xyz; ${DATE}`,
      "Return-Path: anna@example.test",
    ]) + ours;

  // 3. Yahoo: sent directly, but something appended a footer after signing.
  const footer = withFooter(ours);
  const yahoo =
    headers([
      "X-Apparently-To: me@receiver.test; Wed, 01 May 2024 17:00:02 +0000",
      "Return-Path: <anna@example.test>",
      `Received-SPF: pass (domain of example.test designates ${SERVER_IP} as permitted sender)`,
      "X-YMailISG: Xb1cE2dF3gH4",
      `X-Originating-IP: [${SERVER_IP}]`,
      "Authentication-Results: atlas210.free.mail.bf1.yahoo.com;",
      " dkim=perm_fail header.i=@example.test header.s=pw1;",
      " spf=pass smtp.mailfrom=example.test;",
      " dmarc=pass(p=QUARANTINE) header.from=example.test;",
      `Received: from ${SERVER_IP} (EHLO mail.example.test) by 10.217.151.74 with SMTPs; ${DATE}`,
    ]) + footer;

  // 4. Fastmail: signed with a selector whose key was never published.
  const staleKey = await signedByUs(draft(), "old2019", keys);
  const fastmail =
    headers([
      "Return-Path: <anna@example.test>",
      "Received: from compute2.internal (compute2.nyi.internal [10.202.2.42])",
      "\t by sloti44d1t05 (Cyrus 3.11.0-alpha0-1234-gabcdef-fm-20240501.001-gabcdef12) with LMTPA;",
      `\t ${DATE}`,
      "X-Cyrus-Session-Id: sloti44d1t05-1714582800-1234567-2-1234567890123456789",
      "X-Sieve: CMU Sieve 3.0",
      "X-Spam-known-sender: no",
      "X-Spam-sender-reputation: 500 (none)",
      "X-Spam-score: 0.0",
      "X-Spam-hits: ME_SENDERREP_NEUTRAL 0.001, SPF_PASS -0.001, LANGUAGES en, BAYES_USED none",
      "X-Spam-source: IP='192.0.2.10', Host='mail.example.test', Country='FR', FromHeader='test', MailFrom='test'",
      "X-Spam-charsets: plain='utf-8'",
      "X-Resolved-to: me@receiver.test",
      "X-Delivered-to: me@receiver.test",
      "X-ME-VSCategory: clean",
      "X-ME-CSA: none",
      "Authentication-Results: mx6.messagingengine.com;",
      "    dkim=permerror (no key for signature) header.d=example.test",
      "      header.i=@example.test header.b=AbCdEfGh header.a=rsa-sha256",
      "      header.s=old2019 x-bits=2048;",
      "    dmarc=pass policy.published-domain-policy=quarantine",
      "      policy.applied-disposition=none policy.evaluated-disposition=none",
      "      (p=quarantine,d=none,d.eval=none) policy.policy-from=p",
      "      header.from=example.test;",
      `    iprev=pass smtp.remote-ip=${SERVER_IP} (mail.example.test);`,
      "    spf=pass smtp.mailfrom=anna@example.test smtp.helo=mail.example.test;",
      "    x-aligned-from=pass (Address match);",
      "    x-me-sender=none;",
      "    x-ptr=pass smtp.helo=mail.example.test policy.ptr=mail.example.test",
      "Received-SPF: pass",
      `    (example.test: ${SERVER_IP} is authorized to use 'anna@example.test' in 'mfrom' identity (mechanism 'ip4:${SERVER_IP}' matched))`,
      `    receiver=mx6.messagingengine.com; identity=mailfrom; envelope-from="anna@example.test"; helo=mail.example.test; client-ip=${SERVER_IP}`,
      "Received: from mx6.messagingengine.com (localhost [127.0.0.1])",
      `\t by mailmx.nyi.internal (Postfix) with ESMTP id 4F2A11C00081; ${DATE}`,
      `Received: from mail.example.test (mail.example.test [${SERVER_IP}])`,
      "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))",
      "\t(No client certificate requested)",
      `\tby mx6.messagingengine.com (Postfix) with ESMTPS; ${DATE}`,
    ]) + staleKey;

  // 5. Gmail, DMARC fails with p=quarantine: the relay rewrote the body, signs as itself and bounces to its own domain.
  const rewritten = await sign(withFooter(ours), "relay.test", "relay1", keys.relay);
  const quarantine = await gmail(rewritten, {
    ip: RELAY_IP,
    helo: "smtp.relay.test",
    mailfrom: "bounces+1234@bounce.relay.test",
    spf: `pass (google.com: domain of bounces+1234@bounce.relay.test designates ${RELAY_IP} as permitted sender) client-ip=${RELAY_IP};`,
    ar: [
      "dkim=neutral (body hash did not verify) header.i=@example.test header.s=pw1 header.b=AbCdEfGh;",
      "dkim=pass header.i=@relay.test header.s=relay1 header.b=IjKlMnOp;",
      `spf=pass (google.com: domain of bounces+1234@bounce.relay.test designates ${RELAY_IP} as permitted sender) smtp.mailfrom=bounces+1234@bounce.relay.test;`,
      "dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=example.test",
    ].join("\n"),
    keys,
  });

  // 6. Gmail, after a mailing list that adds a footer, rewrites the envelope (SRS) and seals ARC i=1.
  const listAr = [
    "lists.forwarder.test;",
    `       dkim=pass header.d=example.test header.s=pw1 header.b=AbCdEfGh;`,
    `       spf=pass (lists.forwarder.test: domain of anna@example.test designates ${SERVER_IP} as permitted sender) smtp.mailfrom=anna@example.test;`,
    "       dmarc=pass (p=QUARANTINE) header.from=example.test",
  ].join("\r\n");
  const atList =
    headers([
      `Received: from mail.example.test (mail.example.test [${SERVER_IP}]) by lists.forwarder.test with ESMTPS; ${DATE}`,
    ]) + withFooter(ours);
  const listSealed = await seal(atList, "lists.forwarder.test", "arc", keys.forwarder, listAr, "none");
  const forwarded = await gmail(listSealed, {
    ip: FORWARDER_IP,
    helo: "lists.forwarder.test",
    mailfrom: "SRS0=AbCd=M4=example.test=anna@lists.forwarder.test",
    spf: `pass (google.com: domain of srs0=abcd=m4=example.test=anna@lists.forwarder.test designates ${FORWARDER_IP} as permitted sender) client-ip=${FORWARDER_IP};`,
    ar: [
      "dkim=neutral (body hash did not verify) header.i=@example.test header.s=pw1 header.b=AbCdEfGh;",
      "arc=pass (i=1 spf=pass spfdomain=example.test dkim=pass dkdomain=example.test dmarc=pass fromdomain=example.test);",
      `spf=pass (google.com: domain of srs0=abcd=m4=example.test=anna@lists.forwarder.test designates ${FORWARDER_IP} as permitted sender) smtp.mailfrom="SRS0=AbCd=M4=example.test=anna@lists.forwarder.test";`,
      "dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=NONE arc=pass) header.from=example.test",
    ].join("\n"),
    cv: "pass",
    keys,
  });

  return [
    {
      name: "Gmail, direct: pass",
      receiver: "Gmail",
      source: pass,
      dmarcPassed: true,
      expect: {
        "spf/receiver": ["pass", "spf.receiver"],
        "dkim/receiver": ["pass", "dkim.receiver"],
        "dmarc/receiver": ["pass", "dmarc.receiver"],
        "spf/postwright": ["pass", "spf.pass"],
        "dkim/postwright": ["pass", "dkim.pass"],
        "dmarc/postwright": ["pass", "dmarc.pass"],
        "arc/postwright": ["pass", "arc.pass"],
        "spam/receiver": ["none", "spam.none"],
      },
    },
    {
      name: "Outlook.com, through a relay that SPF does not cover",
      receiver: "Outlook / Microsoft 365",
      source: viaRelay,
      dmarcPassed: true,
      expect: {
        "spf/receiver": ["fail", "spf.receiver"],
        "spf/postwright": ["fail", "spf.notCovered", "spf.notCoveredFix"],
        "dkim/postwright": ["pass", "dkim.pass"],
        "dmarc/receiver": ["pass", "dmarc.receiverNoPolicy"],
        "dmarc/postwright": ["pass", "dmarc.pass"],
        "arc/postwright": ["none", "arc.none"],
        "spam/receiver": ["pass", "spam.microsoft"],
      },
    },
    {
      name: "Yahoo, body changed after signing",
      receiver: "Yahoo",
      source: yahoo,
      dmarcPassed: true,
      expect: {
        "dkim/receiver": ["fail", "dkim.receiver"],
        "dkim/postwright": ["fail", "dkim.bodyHash", "dkim.bodyHashFix"],
        "spf/postwright": ["pass", "spf.pass"],
        "dmarc/postwright": ["pass", "dmarc.pass"],
        "dmarc/receiver": ["pass", "dmarc.receiver"],
      },
    },
    {
      name: "Fastmail, DKIM key not found",
      receiver: "Fastmail",
      source: fastmail,
      dmarcPassed: true,
      expect: {
        "dkim/receiver": ["permerror", "dkim.receiver"],
        "dkim/postwright": ["permerror", "dkim.noKey", "dkim.noKeyFix"],
        "spf/postwright": ["pass", "spf.pass"],
        "dmarc/postwright": ["pass", "dmarc.pass"],
        "spam/receiver": ["neutral", "spam.flag"],
      },
    },
    {
      name: "Gmail, DMARC fails with p=quarantine",
      receiver: "Gmail",
      source: quarantine,
      dmarcPassed: false,
      expect: {
        "dmarc/receiver": ["fail", "dmarc.receiver"],
        "dmarc/postwright": ["fail", "dmarc.fail", "dmarc.failFix"],
        "dkim/postwright": ["fail", "dkim.bodyHash", "dkim.bodyHashFix"],
        "spf/postwright": ["pass", "spf.passUnaligned", "spf.unalignedFix"],
      },
    },
    {
      name: "Gmail, forwarded by an ARC-sealing list",
      receiver: "Gmail",
      source: forwarded,
      dmarcPassed: false,
      expect: {
        "arc/receiver": ["pass", "arc.receiver"],
        "arc/postwright": ["pass", "arc.pass"],
        "dmarc/receiver": ["fail", "dmarc.receiver"],
        "dmarc/postwright": ["fail", "dmarc.failForwarded", "dmarc.failForwardedFix"],
        "dkim/postwright": ["fail", "dkim.bodyHash", "dkim.bodyHashFix"],
      },
    },
  ];
}
