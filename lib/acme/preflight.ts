import "server-only";
import net from "node:net";
import { isPublicAddress } from "@/lib/setup/addresses";
import { resolve, type DnsContext } from "./authoritative-dns";
import { checkCaa } from "./caa";
import type { AcmeMethod } from "./order-record";

export interface PreflightItem {
  id: "caa" | "resolves" | "port80";
  name: string;
  status: "pass" | "warn" | "fail";
  summary: string;
  /** i18n key and values for the page (messages/certificate.json "preflight") */
  code: string;
  params: Record<string, string>;
  details: string[];
  fix?: string;
}

export interface PreflightResult {
  /** false when an item failed: no order may start */
  ok: boolean;
  items: PreflightItem[];
  recommended: AcmeMethod;
}

export interface PreflightInput {
  names: string[];
  /** The method the user chose, if any (HTTP-01 makes name and port problems blocking). */
  method?: AcmeMethod;
  caIdentities: string[];
  accountUri?: string | null;
  expectedAddresses?: string[];
  rfc2136Configured?: boolean;
}

export interface PreflightDeps extends DnsContext {
  /** Port the CA connects to for HTTP-01 (80, or a test rig's). */
  httpPort: number;
  /** true when a TCP connection to host:port opens within a short time */
  canConnect?(address: string, port: number): Promise<boolean>;
  /** Probe addresses on this machine or the LAN too (a private CA was chosen explicitly: lib/acme/outbound-target.ts). */
  allowPrivateTargets?: boolean;
}

export function tcpProbe(address: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((done) => {
    const s = net.connect({ host: address, port, timeout: timeoutMs });
    s.once("connect", () => (s.destroy(), done(true)));
    s.once("timeout", () => (s.destroy(), done(false)));
    s.once("error", () => done(false));
  });
}

async function addressesOf(deps: PreflightDeps, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const type of ["A", "AAAA"] as const) {
    for (const a of (await resolve(deps, name, type)).answers)
      if (a.type === type) out.push((a as { data: string }).data);
  }
  return out;
}

/** What to check before ordering: CAA lets the CA issue, the names resolve, port 80 for HTTP-01; and the method to recommend. */
export async function preflight(input: PreflightInput, deps: PreflightDeps): Promise<PreflightResult> {
  const items: PreflightItem[] = [];
  let httpLikely = true;
  for (const name of input.names) {
    const caa = await checkCaa(deps, name, input.caIdentities, input.accountUri);
    items.push({
      id: "caa",
      name,
      status: caa.allowed === true ? "pass" : caa.allowed === "unknown" ? "warn" : "fail",
      summary: caa.reason,
      code: caa.code,
      params: caa.params,
      details: caa.records.map((r) => `${caa.foundAt} CAA ${r}`),
      fix:
        caa.allowed === true
          ? undefined
          : `Add a CAA record at ${caa.foundAt ?? name}: 0 issue "${input.caIdentities[0] ?? "the CA's domain"}", or remove the CAA records that forbid it.`,
    });
    const addresses = await addressesOf(deps, name).catch(() => []);
    const strict = input.method === "http-01";
    const expected = input.expectedAddresses ?? [];
    const wrong = expected.length > 0 && addresses.length > 0 && !addresses.some((a) => expected.includes(a));
    if (addresses.length === 0 || wrong) httpLikely = false;
    items.push({
      id: "resolves",
      name,
      // A record elsewhere: only a warning (the port check below tells whether the CA would reach this machine).
      status: addresses.length === 0 ? (strict ? "fail" : "warn") : wrong ? "warn" : "pass",
      summary:
        addresses.length === 0
          ? `${name} has no A or AAAA record yet`
          : wrong
            ? `${name} points at ${addresses.join(", ")}, not at this setup's address ${expected.join(", ")}`
            : `${name} resolves to ${addresses.join(", ")}`,
      code: addresses.length === 0 ? "resolvesNone" : wrong ? "resolvesWrong" : "resolvesOk",
      params: { name, addresses: addresses.join(", "), expected: expected.join(", ") },
      details: addresses,
      fix:
        addresses.length === 0 || wrong
          ? `Publish the A record of ${name} (see the DNS step) and wait for it to appear.`
          : undefined,
    });
    if (input.method === "http-01" || !input.rfc2136Configured) {
      const open =
        addresses.length > 0 &&
        (
          await Promise.all(
            addresses
              // The CA on the Internet could not reach a private address anyway: never probe the LAN for it.
              .filter((a) => deps.allowPrivateTargets || isPublicAddress(a))
              .map((a) => (deps.canConnect ?? tcpProbe)(a, deps.httpPort)),
          )
        ).some(Boolean);
      if (!open) httpLikely = false;
      items.push({
        id: "port80",
        name,
        status: open ? "pass" : "warn",
        summary: open
          ? `port ${deps.httpPort} of ${name} answers`
          : `port ${deps.httpPort} of ${name} does not answer from here: HTTP-01 will likely fail`,
        code: open ? "portOpen" : "portClosed",
        params: { name, port: String(deps.httpPort) },
        details: [],
        fix: open ? undefined : `Forward TCP port ${deps.httpPort} from the router to this machine, or use DNS-01.`,
      });
    }
  }
  const recommended: AcmeMethod = input.rfc2136Configured ? "dns-01-rfc2136" : httpLikely ? "http-01" : "dns-01-manual";
  return { ok: items.every((i) => i.status !== "fail"), items, recommended };
}
