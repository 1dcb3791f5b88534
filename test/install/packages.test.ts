import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDiff } from "@/test/rig/namespace";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10: a package is missing and there is no network (the world has none).

describe("install.sh with a package missing and no network", { timeout: 300_000 }, () => {
  let bw: BundleWorld;
  let pristine: Map<string, string>;

  beforeAll(async () => {
    bw = await bundleWorld("direct-v4-rsa");
    // Really removed from the world's dpkg database and /usr (the host keeps it), and no .deb of it
    // left in the world's apt cache (from which apt-get would install it without a network).
    const removed = await bw.world.sh("dpkg --remove --force-depends python3-nacl && apt-get clean");
    expect(removed.code, removed.output).toBe(0);
    pristine = await bw.world.snapshot();
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("with --no-packages, names the missing package and changes nothing (apt untouched)", async () => {
    const apt = await bw.world.snapshot("/var/lib/apt");
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code).toBe(1);
    expect(r.output).toContain("Missing packages: python3-nacl.");
    expect(r.output).toContain("Nothing was changed.");
    expect(r.output).not.toMatch(/^(Hit|Get|Err|Ign):/m);
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
    expect(snapshotDiff(apt, await bw.world.snapshot("/var/lib/apt"))).toEqual([]);
  });

  it("refuses a damaged bundle before anything else: a file that does not match manifest.json", async () => {
    const r = await bw.run(
      "cp -p files/etc/postfix/main.cf /root/main.cf && echo 'mynetworks = 0.0.0.0/0' >> files/etc/postfix/main.cf && " +
        "{ ./install.sh; echo exit=$?; cp -p /root/main.cf files/etc/postfix/main.cf; }",
    );
    expect(r.output).toContain("files/etc/postfix/main.cf: FAILED");
    expect(r.output).toContain("The bundle is damaged");
    expect(r.output).toContain("exit=1");
    expect(r.output).not.toContain("==> Packages");
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
  });

  it("without it, refreshes the package list first, then says what to do when apt cannot download", async () => {
    const r = await bw.run("./install.sh");
    expect(r.code).toBe(1);
    expect(r.output).toContain("Installing python3-nacl");
    // apt-get update ran (and could not reach any mirror), then apt-get install failed.
    expect(r.output).toMatch(/^(Err|Ign|W):.*(http|Temporary failure|resolv|Could not)/im);
    expect(r.output).toMatch(
      /apt-get (update failed|could not install python3-nacl).*run \.\/install\.sh --no-packages/,
    );
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
  });
});
