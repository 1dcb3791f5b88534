// The compiled CLI (cli/build.mjs) says and does what the TypeScript sources
// do, loads only the command it runs, and is remade when a source changes.
import { tempDbDir } from "@/test/temp-db";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCli, currentBuild } from "./build.mjs";

const root = path.resolve(import.meta.dirname, "..");
const hook = path.join(tempDbDir, "loaded-packages.cjs");
fs.writeFileSync(
  hook,
  `process.on("exit", () => {
     const names = new Set();
     for (const f of Object.keys(require.cache)) {
       const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f);
       if (m) names.add(m[1]);
     }
     require("node:fs").writeFileSync(process.env.LOADED_OUT, JSON.stringify([...names]));
   });`,
);

function cli(args: string[], env: Record<string, string> = {}) {
  const out = path.join(tempDbDir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ["--require", hook, path.join(root, "cli", "bin.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, LOADED_OUT: out, ...env },
    encoding: "utf8",
  });
  const loaded = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as string[]) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
}
const fromSource = (args: string[]) => cli(args, { POSTWRIGHT_CLI_FROM_SOURCE: "1" });

afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

describe("the compiled CLI", () => {
  it("prints the same help, versions and usage errors as the sources", async () => {
    const build = await buildCli();
    expect(build.commands.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(["list", "import", "export", "check", "cert", "bundle", "records", "schema"]),
    );
    const cases = [
      ["--help"],
      [],
      ["-V"],
      ["help", "records"],
      ["nonsense"],
      ["check", "--help"],
      ["cert", "--help"],
      ["records"],
      ["list", "--bogus"],
    ];
    for (const args of cases) {
      const compiled = cli(args);
      const source = fromSource(args);
      expect({ args, status: compiled.status, stdout: compiled.stdout, stderr: compiled.stderr }).toEqual({
        args,
        status: source.status,
        stdout: source.stdout,
        stderr: source.stderr,
      });
    }
  }, 300_000);

  it("loads no command for --help, and only its own for a command", () => {
    const help = cli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.loaded).toEqual(["commander"]);
    const list = cli(["list", "--json"]);
    expect(list.stderr).toBe("");
    expect(JSON.parse(list.stdout)).toEqual([]);
    for (const heavy of ["mailauth", "acme-client", "tar-stream", "dns-packet", "esbuild", "tsx"])
      expect(list.loaded).not.toContain(heavy);
    // The same command from the sources loads every command's packages.
    expect(fromSource(["list", "--json"]).loaded).toEqual(expect.arrayContaining(["mailauth", "joi"]));
  }, 120_000);

  it("is remade when one of its sources changes", async () => {
    const before = currentBuild() ?? (await buildCli());
    expect(before.inputs).toHaveProperty(path.join("cli", "usage-error.ts"));
    const file = path.join(root, "cli", "usage-error.ts");
    const later = new Date(Date.now() + 1000);
    fs.utimesSync(file, later, later);
    expect(currentBuild()).toBeUndefined();
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.loaded).toContain("esbuild");
    const after = currentBuild();
    expect(after?.dir).not.toBe(before.dir);
    expect(cli(["--help"]).loaded).toEqual(["commander"]);
  }, 120_000);
});
