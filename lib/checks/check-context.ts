import "server-only";
import type net from "node:net";
import { ownAddresses } from "@/lib/setup/derived";
import type { SetupDocument } from "@/lib/setup/schema";
import type { DnsQuery, DnsResponse } from "@/lib/net/dns-client";
import { formatHostPort, type HostPort } from "@/lib/net/host-port";
import type { Nameserver } from "@/lib/net/nameservers";
import { connectKey, type CheckConfig } from "./config";
import { discoverNameservers, probeNameservers, type NameserverHealth } from "./nameserver-health";
import { probeNetwork, type NetworkState } from "./network-state";

export interface DkimPublicKey {
  /** The DNS selector label (the record is at SELECTOR._domainkey.DOMAIN). */
  selector: string;
  algorithm: "rsa-2048" | "ed25519" | string;
  /** Base64, as in the record's p= tag. */
  publicKey: string;
}

/** What the setup says should be published, beyond the Setup document itself. */
export interface CheckInput {
  setup: SetupDocument;
  dkimKeys: DkimPublicKey[];
  /** The planned records (lib/dns plan): name (FQDN, no trailing dot), type, value as in a zone file. */
  plannedRecords?: { name: string; type: string; value: string }[];
  /** PEM of the current certificate, for tlsa. */
  certificatePem?: string;
  /** The ACME account URL this setup orders with, when it has one (CAA accounturi, RFC 8657). */
  acmeAccountUri?: string;
  /** false when the user has said the mail server is not installed yet: its TLS check is skipped, visibly. */
  serverInstalled?: boolean;
}

export interface CheckDeps {
  dns: DnsQuery;
  dial(target: HostPort, signal: AbortSignal): Promise<net.Socket>;
  now(): number;
  /** Extra certificate authorities to trust (PEM), e.g. a test CA. */
  tlsCa?: string[];
  /** This host's interface addresses (default: os.networkInterfaces). */
  localAddresses?: () => string[];
}

export class RefusedTarget extends Error {}

/** State shared by every check of one run: the DNS cache (single-flight), the network preflight and the nameservers. */
export interface RunState {
  input: CheckInput;
  config: CheckConfig;
  deps: CheckDeps;
  /** Aborts when the whole run is stopped (the page closed); each question also has its own timeout. */
  signal: AbortSignal;
  cache: Map<string, Promise<DnsResponse>>;
  preflight?: NetworkState;
  nameservers?: Promise<Nameserver[]>;
  health?: Promise<NameserverHealth[]>;
  /** Questions actually sent (not served from the cache). */
  queries: number;
}

export function createRunState(input: CheckInput, config: CheckConfig, deps: CheckDeps, signal: AbortSignal): RunState {
  return { input, config, deps, signal, cache: new Map(), queries: 0 };
}

/**
 * How long one question may take. A nameserver answering later than this is
 * taken as silent (its check says so); a slow one (2 s) still counts.
 */
export function questionTimeoutMs(config: CheckConfig, recurse: boolean): number {
  return recurse ? config.deadlineMs : Math.min(4000, Math.max(500, Math.floor(config.deadlineMs / 2)));
}

/** Waits for `p`, or rejects when `signal` aborts first. */
export function race<T>(p: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error(`${what}: deadline passed`));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`${what}: no answer before the deadline`));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** What one check sees: the run's shared state, and its own deadline. */
export class CheckContext {
  constructor(
    readonly run: RunState,
    readonly signal: AbortSignal,
  ) {}

  get setup(): SetupDocument {
    return this.run.input.setup;
  }
  get input(): CheckInput {
    return this.run.input;
  }
  get config(): CheckConfig {
    return this.run.config;
  }

  /** Asks `server` (cached per run, one question in flight per key). */
  ask(
    server: HostPort,
    name: string,
    type: string,
    opts: { recurse: boolean; dnssec?: boolean },
  ): Promise<DnsResponse> {
    const key = `${formatHostPort(server)} ${name.toLowerCase()} ${type} ${opts.recurse ? "rd" : "nord"}${opts.dnssec ? " do" : ""}`;
    let p = this.run.cache.get(key);
    if (!p) {
      this.run.queries++;
      const signal = AbortSignal.any([
        this.run.signal,
        AbortSignal.timeout(questionTimeoutMs(this.config, opts.recurse)),
      ]);
      p = this.run.deps.dns({ server, name, type, recurse: opts.recurse, dnssec: opts.dnssec }, signal);
      p.catch(() => {});
      this.run.cache.set(key, p);
    }
    return race(p, this.signal, `${type} ${name} @${formatHostPort(server)}`);
  }

  /** Asks the resolver once, outside the cache, giving up when `signal` aborts (the network preflight). */
  resolveWithin(name: string, type: string, signal: AbortSignal): Promise<DnsResponse> {
    this.run.queries++;
    return this.run.deps.dns({ server: this.config.resolver, name, type, recurse: true }, signal);
  }

  /** Asks the configured recursive resolver. */
  resolve(name: string, type: string, dnssec = false): Promise<DnsResponse> {
    return this.ask(this.config.resolver, name, type, { recurse: true, dnssec });
  }

  /** The network preflight of this run (once): does the resolver answer, does this machine reach the Internet. */
  network(): NetworkState {
    this.run.preflight ??= probeNetwork(new CheckContext(this.run, this.run.signal));
    return this.run.preflight;
  }

  /** The domain's authoritative nameservers: its NS records through the resolver, or the parent's delegation. */
  nameservers(): Promise<Nameserver[]> {
    if (!this.run.nameservers) {
      this.run.nameservers = discoverNameservers(new CheckContext(this.run, this.run.signal));
      this.run.nameservers.catch(() => {});
    }
    return this.run.nameservers;
  }

  /** Each nameserver's answer to SOA DOMAIN (once per run): who answers, authoritatively, how fast. */
  nameserverHealth(): Promise<NameserverHealth[]> {
    if (!this.run.health) {
      this.run.health = probeNameservers(new CheckContext(this.run, this.run.signal));
      this.run.health.catch(() => {});
    }
    return this.run.health;
  }

  /** The setup's own addresses: the only ones a check may connect to. */
  ownAddresses(): string[] {
    return ownAddresses(this.setup);
  }

  /** Connects to one of the setup's own addresses (through the configured connect mapping); refuses any other. */
  dialOwn(ip: string, port: number, signal: AbortSignal = this.signal): Promise<net.Socket> {
    if (!this.ownAddresses().includes(ip))
      return Promise.reject(new RefusedTarget(`${ip} is not one of this setup's addresses`));
    const mapped = this.config.connect[connectKey(ip, port)] ?? this.config.connect[connectKey(ip, 0)];
    const target = mapped ? { host: mapped.host, port: mapped.port || port } : { host: ip, port };
    return this.run.deps.dial(target, signal);
  }

  /** Connects to a target the configuration names (e.g. a port-25 probe host). */
  dialConfigured(target: HostPort): Promise<net.Socket> {
    return this.run.deps.dial(target, this.signal);
  }
}
