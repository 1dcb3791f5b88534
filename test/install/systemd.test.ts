import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDiff } from "@/test/rig/namespace";
import { SYSTEMCTL_STANDIN } from "@/test/rig/systemctl-standin";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10: the systemd path of install.sh, with a systemctl stand-in that
// runs the units' own Exec lines (systemd cannot be PID 1 in the test world).

describe("install.sh on a box booted with systemd (stand-in)", { timeout: 180_000 }, () => {
  let bw: BundleWorld;
  let pristine: Map<string, string>;
  const calls = () =>
    fs.existsSync(`${bw.world.dir}/systemctl.log`) ? fs.readFileSync(`${bw.world.dir}/systemctl.log`, "utf8") : "";

  beforeAll(async () => {
    bw = await bundleWorld("direct-v6-both");
    fs.copyFileSync(SYSTEMCTL_STANDIN, `${bw.world.dir}/systemctl`);
    // "Boot": what sd_booted() looks for, and the tmpfiles systemd makes at boot (/run/opendkim).
    const boot = await bw.world.sh(
      "install -m 0755 /run/world/systemctl /usr/local/bin/systemctl && mkdir -p /run/systemd/system && systemd-tmpfiles --create opendkim.conf",
    );
    expect(boot.code, boot.output).toBe(0);
    pristine = await bw.world.snapshot();
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("drives the Debian units with systemctl, enables its own unit, and its self-test passes", async () => {
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code, `${r.output}\n${calls()}\n${bw.world.syslog().slice(-3000)}`).toBe(0);
    expect(r.output).toContain("Starting the services (systemd)");
    expect(r.output).toContain("IMAPS greets, logs in and finds the message");
    const log = calls();
    for (const unit of [
      "opendkim.service",
      "opendkim-ed25519.service",
      "dovecot.service",
      "nginx.service",
      "postfix.service",
    ])
      expect(log).toContain(`systemctl restart ${unit}`);
    expect(log).toContain("systemctl enable --quiet opendkim-ed25519.service");
    expect(log).toContain("systemctl reload postfix.service");
    expect(
      (
        await bw.world.sh("readlink /etc/systemd/system/multi-user.target.wants/opendkim-ed25519.service")
      ).stdout.trim(),
    ).toBe("/etc/systemd/system/opendkim-ed25519.service");
    // The daemons run as the units started them (dovecot -F under the unit, in the background).
    expect((await bw.world.sh("pgrep -a dovecot")).stdout).toContain("/usr/sbin/dovecot -F");
  });

  it("uninstalls through systemctl back to a byte-identical /etc", async () => {
    const r = await bw.run("./install.sh --uninstall");
    expect(r.code, r.output).toBe(0);
    expect(calls()).toContain("systemctl disable --quiet opendkim-ed25519.service");
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
    expect((await bw.world.sh("pgrep -x opendkim; pgrep -x dovecot; pgrep -x master")).stdout.trim()).toBe("");
  });
});
