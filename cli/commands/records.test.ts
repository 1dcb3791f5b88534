import { tempDbDir } from "@/test/temp-db";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, "cli", "bin.mjs"), ...args], {
    cwd: root,
    env: process.env,
    input,
    encoding: "utf8",
  });

afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

describe("postwright records", () => {
  it("prints the table, a zone file named-checkzone accepts, and JSON; refuses bad usage with exit 2", () => {
    const doc = {
      domain: "bücher.example",
      ipv4: "192.0.2.7",
      ipv6: "2001:db8::7",
      adminEmail: "a@bücher.example",
      dkim: { selector: "pw1", algorithms: ["rsa-2048", "ed25519"] },
    };
    expect(cli(["import", "-"], JSON.stringify(doc)).status).toBe(0);

    const table = cli(["records", "bücher.example"]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^pw1\._domainkey\s+TXT\s+3600\s+required\s+v=DKIM1; k=rsa; p=MII/m);
    expect(table.stdout).toMatch(/^pw1e\._domainkey\s+TXT\s+3600\s+recommended\s+v=DKIM1; k=ed25519; p=/m);
    expect(table.stdout).toContain("7.2.0.192.in-addr.arpa. PTR mail.xn--bcher-kva.example.");

    const zone = cli(["records", "xn--bcher-kva.example", "--format", "zone", "--nameserver", "ns1.dns-host.example"]);
    expect(zone.status).toBe(0);
    const file = path.join(tempDbDir, "records.zone");
    fs.writeFileSync(file, zone.stdout);
    expect(
      execFileSync("named-checkzone", ["-k", "fail", "-i", "full", "xn--bcher-kva.example", file], {
        encoding: "utf8",
      }),
    ).toContain("OK");

    const json = JSON.parse(
      cli(["records", "bücher.example", "--format", "json", "--relay-include", "spf.relay.example"]).stdout,
    );
    expect(json.origin).toBe("xn--bcher-kva.example");
    // The keys were made once: the JSON and the table show the same ones.
    const dkim = json.records.find((r: { host: string }) => r.host === "pw1._domainkey");
    expect(table.stdout).toContain(dkim.value);
    expect(dkim.txtChunks.length).toBeGreaterThan(1);

    const unknown = cli(["records", "nope.example"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no setup for "nope.example"');
    const badFormat = cli(["records", "bücher.example", "--format", "yaml"]);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain("Allowed choices are table, zone, json");
    const badInclude = cli(["records", "bücher.example", "--relay-include", "not a domain"]);
    expect(badInclude.status).toBe(2);
    expect(badInclude.stderr).toContain("--relay-include");
  }, 60_000);
});
