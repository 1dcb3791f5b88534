import "server-only";
import { dnsQuery } from "@/lib/net/dns-client";
import type { HostPort } from "@/lib/net/host-port";
import { mailauthResolver } from "./mailauth-resolver";
import { readReceivedMessage } from "./read-message";
import type { HeaderReport } from "./verdict";

/** Reads a received message, verifying through `resolver` (the checks' POSTWRIGHT_RESOLVER unless told otherwise). */
export function readReceivedMessageLive(
  source: Buffer | string,
  opts: { resolver: HostPort; deadlineMs: number },
): Promise<HeaderReport> {
  const resolver = mailauthResolver((name, type) =>
    dnsQuery({ server: opts.resolver, name, type, recurse: true }, AbortSignal.timeout(opts.deadlineMs)),
  );
  return readReceivedMessage(source, { resolver });
}
