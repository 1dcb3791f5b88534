// Header reader: a 100 kB received message carrying 3 DKIM signatures, read as
// `postwright headers` reads it (parse, the receiver's verdicts, DKIM, SPF,
// ARC and DMARC re-verified), with the keys served by BIND on loopback.
// "cold": a fresh resolver per read (every key and record asked again);
// "warm": answers already cached (parsing and cryptography alone).
import { dnsQuery } from "@/lib/net/dns-client";
import { mailauthResolver } from "@/lib/headers/mailauth-resolver";
import { readReceivedMessage } from "@/lib/headers/read-message";
import { startBind } from "../test/rig/bind";
import { corpusZones, draft, makeKeys, sign, SERVER_IP } from "../test/headers/corpus";
import { percentile, printTable } from "./lib";

const keys = await makeKeys();
const bind = await startBind({ address: "127.0.33.1", zones: corpusZones(keys) });
const line = "The quick brown fox jumps over the lazy dog, and the lazy dog lets it. 0123456789\r\n";
const body = line.repeat(Math.ceil((100 * 1024) / line.length));
let message = await sign(draft(body), "example.test", "pw1", keys.own);
message = await sign(message, "relay.test", "relay1", keys.relay);
message = await sign(message, "lists.forwarder.test", "arc", keys.forwarder);
message =
  [
    "Return-Path: <anna@example.test>",
    `Received: from mail.example.test (mail.example.test. [${SERVER_IP}]) by mx.google.com with ESMTPS id x; Wed, 01 May 2024 10:00:00 -0700 (PDT)`,
    `Received-SPF: pass (google.com: domain of anna@example.test designates ${SERVER_IP} as permitted sender) client-ip=${SERVER_IP};`,
    "Authentication-Results: mx.google.com; dkim=pass header.i=@example.test header.s=pw1; spf=pass smtp.mailfrom=anna@example.test; dmarc=pass (p=QUARANTINE) header.from=example.test",
  ].join("\r\n") +
  "\r\n" +
  message;
const ask = (name: string, type: string) =>
  dnsQuery({ server: { host: bind.address, port: bind.port }, name, type, recurse: true }, AbortSignal.timeout(5000));

const rows = [];
const warmResolver = mailauthResolver(ask);
for (const mode of ["cold", "warm"] as const) {
  const times: number[] = [];
  for (let i = 0; i < 31; i++) {
    const resolver = mode === "cold" ? mailauthResolver(ask) : warmResolver;
    const t0 = performance.now();
    const r = await readReceivedMessage(message, { resolver });
    times.push(performance.now() - t0);
    if (r.signatures.filter((s) => s.result === "pass").length !== 3) throw new Error("expected 3 passing signatures");
  }
  times.shift(); // warm-up
  times.sort((a, b) => a - b);
  rows.push({
    mode,
    "message bytes": Buffer.byteLength(message),
    signatures: 3,
    "p50 ms": percentile(times, 50).toFixed(1),
    "p95 ms": percentile(times, 95).toFixed(1),
    "max ms": times[times.length - 1].toFixed(1),
  });
}
printTable("Header reader, 100 kB message, 3 DKIM signatures (30 reads each)", rows);
await bind.stop();
