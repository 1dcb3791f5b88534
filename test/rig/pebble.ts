import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { ensureLoopbackAddress, freePort, waitFor, stopChild } from "./ports";

export interface PebbleServer {
  /** ACME directory URL, e.g. https://127.0.13.1:PORT/dir */
  directoryUrl: string;
  /** PEM of the self-signed certificate of Pebble's HTTPS listeners (trust it to talk ACME). */
  listenerCaPem: string;
  /** File holding listenerCaPem (for --ca-cert / POSTWRIGHT_ACME_CA_CERT). */
  listenerCaFile: string;
  /** Port Pebble's VA connects to for HTTP-01 (on the address the name resolves to). */
  httpPort: number;
  managementUrl: string;
  /** Pebble's issuing root and intermediate (PEM), fetched from the management API. */
  roots(): Promise<{ root: string; intermediate: string }>;
  /** Orders Pebble created since start, counted from its log ("Added order"). */
  orderCount(): number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's Pebble on loopback, validating challenges through `dnsServer`
 * (a BIND from ./bind.ts). Nonce rejection and authorization reuse are turned
 * off so tests count orders and authorizations exactly.
 */
export async function startPebble(opts: {
  address: string;
  dnsServer: { address: string; port: number };
  httpPort?: number;
  /** Require External Account Binding with this key (as ZeroSSL does). */
  eab?: { kid: string; hmacKey: string };
  /** Percent of orders reusing a valid authorization of the same account (default 0). */
  authzReuse?: number;
}): Promise<PebbleServer> {
  const { address } = opts;
  ensureLoopbackAddress(address);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-pebble-"));
  const certFile = path.join(dir, "listener.pem");
  const keyFile = path.join(dir, "listener.key");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "2",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-subj",
      "/CN=pebble listener",
      "-addext",
      `subjectAltName=DNS:localhost,IP:127.0.0.1,IP:${address}`,
    ],
    { stdio: "ignore" },
  );
  const port = await freePort(address);
  const mgmtPort = await freePort(address);
  const httpPort = opts.httpPort ?? (await freePort(address));
  const tlsPort = await freePort(address);
  const config = {
    pebble: {
      listenAddress: `${address}:${port}`,
      managementListenAddress: `${address}:${mgmtPort}`,
      certificate: certFile,
      privateKey: keyFile,
      httpPort,
      tlsPort,
      ocspResponderURL: "",
      externalAccountBindingRequired: !!opts.eab,
      externalAccountMACKeys: opts.eab ? { [opts.eab.kid]: opts.eab.hmacKey } : {},
      // Like Let's Encrypt: 90 days (Pebble defaults to 5 years).
      certificateValidityPeriod: 90 * 86400,
    },
  };
  const configFile = path.join(dir, "pebble.json");
  fs.writeFileSync(configFile, JSON.stringify(config));
  let output = "";
  const child: ChildProcess = spawn(
    "pebble",
    ["-config", configFile, "-dnsserver", `${opts.dnsServer.address}:${opts.dnsServer.port}`],
    {
      env: {
        ...process.env,
        PEBBLE_VA_NOSLEEP: "1",
        PEBBLE_WFE_NONCEREJECT: "0",
        PEBBLE_AUTHZREUSE: String(opts.authzReuse ?? 0),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const listenerCaPem = fs.readFileSync(certFile, "utf8");
  const agent = new https.Agent({ ca: listenerCaPem });
  const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      https
        .get(url, { agent }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on("error", reject);
    });
  const directoryUrl = `https://${address}:${port}/dir`;
  const managementUrl = `https://${address}:${mgmtPort}`;
  await waitFor(
    `pebble on ${address}:${port}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`pebble exited: ${output.slice(-2000)}`);
      return (await get(directoryUrl)).status === 200 ? true : undefined;
    },
    15_000,
  );

  return {
    directoryUrl,
    listenerCaPem,
    listenerCaFile: certFile,
    httpPort,
    managementUrl,
    async roots() {
      const root = await get(`${managementUrl}/roots/0`);
      const intermediate = await get(`${managementUrl}/intermediates/0`);
      return { root: root.body, intermediate: intermediate.body };
    },
    orderCount: () => (output.match(/Added order/g) ?? []).length,
    log: () => output,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
