import "server-only";
import { dnsQuery, type DnsServer } from "@/lib/checks/dns-client";
import { mailauthResolver } from "./mailauth-resolver";
import { readReceivedMessage } from "./read-message";
import type { HeaderReport } from "./verdict";

/** Reads a received message, verifying through `resolver` (the checks' POSTWRIGHT_RESOLVER unless told otherwise). */
export function readReceivedMessageLive(
  source: Buffer | string,
  opts: { resolver: DnsServer; deadlineMs: number },
): Promise<HeaderReport> {
  const resolver = mailauthResolver((name, type) =>
    dnsQuery({ server: opts.resolver, name, type, recurse: true }, AbortSignal.timeout(opts.deadlineMs)),
  );
  return readReceivedMessage(source, { resolver });
}
