import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureLoopbackAddress, freePort, waitFor, stopChild } from "./ports";

export interface Zone {
  /** ASCII zone name without trailing dot, e.g. "example.test" */
  name: string;
  /** A complete zone file (with $ORIGIN/SOA/NS) */
  text: string;
  /** Allow RFC 2136 updates signed with the server's TSIG key */
  allowUpdate?: boolean;
}

export interface BindServer {
  address: string;
  port: number;
  /** "hmac-sha256:NAME:SECRET" for knsupdate -y, and the parts */
  tsig: { name: string; algorithm: "hmac-sha256"; secret: string };
  dir: string;
  /** Replace a zone's file and reload it; resolves once the new SOA serial is served (give it a higher one). */
  setZone(zone: Zone): Promise<void>;
  /** Send an nsupdate script (lines without "server"/"send") with the TSIG key. */
  update(zone: string, lines: string[]): void;
  stop(): Promise<void>;
}

/**
 * A real BIND 9 serving `zones` on address:port (loopback). Files live under a
 * 0755 temporary folder readable by the `bind` user; every start is independent,
 * so tests can run several servers that disagree on purpose.
 */
export async function startBind(opts: {
  zones: Zone[];
  address?: string;
  port?: number;
  recursion?: boolean;
}): Promise<BindServer> {
  const address = opts.address ?? "127.0.0.1";
  ensureLoopbackAddress(address);
  const port = opts.port ?? (await freePort(address));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-bind-"));
  fs.chmodSync(dir, 0o755);
  const tsig = {
    name: "postwright-test",
    algorithm: "hmac-sha256" as const,
    secret: randomBytes(32).toString("base64"),
  };
  const zoneFile = (z: Zone) => path.join(dir, `${z.name}.zone`);
  let generation = 0;
  const writeZone = (z: Zone) => {
    fs.writeFileSync(zoneFile(z), z.text);
    // BIND reloads a zone only when its file's mtime moved on (seconds): move it.
    const t = Date.now() / 1000 + ++generation * 2;
    fs.utimesSync(zoneFile(z), t, t);
    fs.rmSync(`${zoneFile(z)}.jnl`, { force: true });
  };
  for (const z of opts.zones) writeZone(z);
  const conf = `
key "${tsig.name}" { algorithm ${tsig.algorithm}; secret "${tsig.secret}"; };
options {
  directory "${dir}";
  pid-file "${dir}/named.pid";
  listen-on port ${port} { ${address}; };
  listen-on-v6 { none; };
  recursion ${opts.recursion ? "yes" : "no"};
  dnssec-validation no;
  allow-query { any; };
  notify no;
};
controls { };
${opts.zones
  .map(
    (z) =>
      `zone "${z.name}" { type primary; file "${zoneFile(z)}"; ${z.allowUpdate ? `allow-update { key "${tsig.name}"; };` : ""} };`,
  )
  .join("\n")}
`;
  fs.writeFileSync(path.join(dir, "named.conf"), conf);
  execFileSync("chown", ["-R", "bind:bind", dir]);
  execFileSync("named-checkconf", [path.join(dir, "named.conf")]);
  const log = path.join(dir, "named.log");
  let child!: ChildProcess;
  const launch = async () => {
    child = spawn("named", ["-g", "-c", path.join(dir, "named.conf"), "-u", "bind"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr += d;
      // named may still write while stop() removes the folder.
      try {
        fs.appendFileSync(log, d);
      } catch {}
    });
    await waitFor(
      `named on ${address}:${port}`,
      () => {
        if (child.exitCode !== null) throw new Error(`named exited: ${stderr.slice(-2000)}`);
        // "running as: named …" comes first; the bare "running" line comes once the zones are loaded.
        return /\srunning\r?$/m.test(stderr) ? true : undefined;
      },
      15_000,
    );
    await waitFor(
      "named tcp",
      () =>
        new Promise<boolean | undefined>((res) => {
          const s = net.connect(port, address, () => {
            s.destroy();
            res(true);
          });
          s.on("error", () => res(undefined));
        }),
    );
  };
  const halt = async () => {
    await stopChild(child);
  };
  await launch();

  const server: BindServer = {
    address,
    port,
    tsig,
    dir,
    async setZone(zone) {
      const dynamic = opts.zones.find((z) => z.name === zone.name)?.allowUpdate;
      // BIND refuses to reload a dynamic zone from its file: restart it instead.
      if (dynamic) await halt();
      writeZone({ ...zone, allowUpdate: dynamic });
      execFileSync("chown", ["bind:bind", zoneFile(zone)]);
      if (dynamic) await launch();
      else child.kill("SIGHUP"); // rndc is off (no controls); SIGHUP reloads changed zones
      const serial = /\bSOA\s+\S+\s+\S+\s+\(?\s*(\d+)/i.exec(zone.text)?.[1];
      if (serial)
        await waitFor(`${zone.name} serial ${serial} (see ${log})`, () =>
          kdig(server, zone.name, "SOA")[0]?.split(" ")[2] === serial ? true : undefined,
        );
    },
    update(zone, lines) {
      const script = [`server ${address} ${port}`, `zone ${zone}`, ...lines, "send", ""].join("\n");
      execFileSync("knsupdate", ["-y", `${tsig.algorithm}:${tsig.name}:${tsig.secret}`], { input: script });
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Queries with kdig and returns the answer lines (+short). */
export function kdig(server: { address: string; port: number }, name: string, type: string): string[] {
  const out = execFileSync(
    "kdig",
    [`@${server.address}`, "-p", String(server.port), "+short", "+norecurse", name, type],
    { encoding: "utf8" },
  );
  return out.split("\n").filter(Boolean);
}
