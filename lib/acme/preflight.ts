import "server-only";
import { acmeValidationMethod, caaPermits } from "@/lib/checks/caa";
import type { CheckResult } from "@/lib/checks/result";
import type { HostPort } from "@/lib/net/host-port";
import { canConnect } from "@/lib/net/tcp-dial";
import { isPublicAddress } from "@/lib/setup/addresses";
import { resolve, type DnsContext } from "./authoritative-dns";
import type { AcmeMethod } from "@/lib/setup/options";

/**
 * One finding of the preflight, in the checks' result shape. Its message keys
 * are under "certificate.preflight" in messages/*, fixes under "fix.".
 */
export interface PreflightItem extends Omit<CheckResult<"caa" | "resolves" | "port80">, "status"> {
  status: "pass" | "warn" | "fail";
  /** The certificate name the finding is about. */
  name: string;
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
  /** true when a TCP connection to the target opens within a short time (default: lib/net's canConnect) */
  canConnect?(target: HostPort): Promise<boolean>;
  /** Probe addresses on this machine or the LAN too (a private CA was chosen explicitly: lib/acme/outbound-target.ts). */
  allowPrivateTargets?: boolean;
}

function item(
  id: PreflightItem["id"],
  name: string,
  status: PreflightItem["status"],
  summary: string,
  code: string,
  params: Record<string, string>,
  details: PreflightItem["details"],
  fix?: string,
): PreflightItem {
  return {
    id,
    name,
    status,
    summary,
    summaryRef: { key: code, params },
    details,
    ...(fix ? { fix, fixRef: { key: `fix.${code}`, params } } : {}),
  };
}

async function addressesOf(deps: PreflightDeps, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const type of ["A", "AAAA"] as const) {
    for (const a of (await resolve(deps, name, type)).answers) if (a.type === type) out.push(String(a.data));
  }
  return out;
}

/**
 * What to check before ordering: CAA lets the CA issue, the names resolve,
 * port 80 for HTTP-01; and the method to recommend.
 */
export async function preflight(input: PreflightInput, deps: PreflightDeps): Promise<PreflightResult> {
  const items: PreflightItem[] = [];
  const probe = deps.canConnect ?? ((target: HostPort) => canConnect(target));
  let httpLikely = true;
  for (const name of input.names) {
    const caa = await caaPermits((n, t) => resolve(deps, n, t), name, input.caIdentities, input.accountUri, {
      method: input.method ? acmeValidationMethod(input.method) : undefined,
    });
    items.push(
      item(
        "caa",
        name,
        caa.allowed === true ? "pass" : caa.allowed === "unknown" ? "warn" : "fail",
        caa.reason,
        caa.code,
        caa.params,
        caa.records.length ? [{ query: `CAA ${caa.foundAt}`, answer: caa.records }] : [],
        caa.allowed === true
          ? undefined
          : `Add a CAA record at ${caa.foundAt ?? name}: 0 issue "${input.caIdentities[0] ?? "the CA's domain"}", ` +
              "or remove the CAA records that forbid it.",
      ),
    );
    const addresses = await addressesOf(deps, name).catch(() => []);
    const strict = input.method === "http-01";
    const expected = input.expectedAddresses ?? [];
    const wrong = expected.length > 0 && addresses.length > 0 && !addresses.some((a) => expected.includes(a));
    if (addresses.length === 0 || wrong) httpLikely = false;
    items.push(
      item(
        "resolves",
        name,
        // A record elsewhere: only a warning (the port check below tells whether the CA would reach this machine).
        addresses.length === 0 ? (strict ? "fail" : "warn") : wrong ? "warn" : "pass",
        addresses.length === 0
          ? `${name} has no A or AAAA record yet`
          : wrong
            ? `${name} points at ${addresses.join(", ")}, not at this setup's address ${expected.join(", ")}`
            : `${name} resolves to ${addresses.join(", ")}`,
        addresses.length === 0 ? "resolvesNone" : wrong ? "resolvesWrong" : "resolvesOk",
        { name, addresses: addresses.join(", "), expected: expected.join(", ") },
        [{ query: `A/AAAA ${name}`, answer: addresses }],
        addresses.length === 0 || wrong
          ? `Publish the A record of ${name} (see the DNS step) and wait for it to appear.`
          : undefined,
      ),
    );
    if (input.method === "http-01" || !input.rfc2136Configured) {
      const open =
        addresses.length > 0 &&
        (
          await Promise.all(
            addresses
              // The CA on the Internet could not reach a private address anyway: never probe the LAN for it.
              .filter((host) => deps.allowPrivateTargets || isPublicAddress(host))
              .map((host) => probe({ host, port: deps.httpPort })),
          )
        ).some(Boolean);
      if (!open) httpLikely = false;
      items.push(
        item(
          "port80",
          name,
          open ? "pass" : "warn",
          open
            ? `port ${deps.httpPort} of ${name} answers`
            : `port ${deps.httpPort} of ${name} does not answer from here: HTTP-01 will likely fail`,
          open ? "portOpen" : "portClosed",
          { name, port: String(deps.httpPort) },
          [],
          open ? undefined : `Forward TCP port ${deps.httpPort} from the router to this machine, or use DNS-01.`,
        ),
      );
    }
  }
  const recommended: AcmeMethod = input.rfc2136Configured ? "dns-01-rfc2136" : httpLikely ? "http-01" : "dns-01-manual";
  return { ok: items.every((i) => i.status !== "fail"), items, recommended };
}
