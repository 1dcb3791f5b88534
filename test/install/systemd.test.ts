import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDiff } from "@/test/rig/namespace";
import { SYSTEMCTL_STANDIN } from "@/test/rig/systemctl-standin";
import { bundleWorld, type BundleWorld } from "./bundle-world";

// Issue 10: the systemd path of install.sh, with a systemctl stand-in that
// runs the units' own Exec lines (systemd cannot be PID 1 in the test world).

describe("install.sh on a box booted with systemd (stand-in)", { timeout: 300_000 }, () => {
  let bw: BundleWorld;
  let pristine: Map<string, string>;
  const calls = () =>
    fs.existsSync(`${bw.world.dir}/systemctl.log`) ? fs.readFileSync(`${bw.world.dir}/systemctl.log`, "utf8") : "";

  beforeAll(async () => {
    bw = await bundleWorld("direct-v6-both");
    fs.copyFileSync(SYSTEMCTL_STANDIN, `${bw.world.dir}/systemctl`);
    // "Boot": what sd_booted() looks for, and the folders systemd-tmpfiles makes in /run at boot.
    const boot = await bw.world.sh(
      "install -m 0755 /run/world/systemctl /usr/local/bin/systemctl && mkdir -p /run/systemd/system && " +
        'awk \'$1 == "d" && $2 ~ /^\\/run\\// { print $2, ($3 == "-" ? "0755" : $3), ($4 == "-" ? "root" : $4), ($5 == "-" ? "root" : $5) }\' ' +
        "/usr/lib/tmpfiles.d/*.conf | while read -r p m u g; do install -d -m $m -o $u -g $g $p; done",
    );
    expect(boot.code, boot.output).toBe(0);
    pristine = await bw.world.snapshot();
  });
  afterAll(async () => {
    await bw?.world.stop();
  });

  it("drives the Debian units with systemctl, and its self-test passes", async () => {
    const r = await bw.run("./install.sh --no-packages");
    expect(r.code, `${r.output}\n${calls()}\n${bw.world.syslog().slice(-3000)}`).toBe(0);
    expect(r.output).toContain("Starting the services (systemd)");
    expect(r.output).toContain("IMAPS greets, logs in and finds the message");
    const log = calls();
    for (const unit of ["rspamd.service", "dovecot.service", "nginx.service", "postfix.service"])
      expect(log).toContain(`systemctl restart ${unit}`);
    expect(log).toContain("systemctl reload postfix.service");
    // rspamd runs as its unit says: as _rspamd.
    expect((await bw.world.sh("ps -o user= -C rspamd | sort -u")).stdout.trim()).toBe("_rspamd");
    // The daemons run as the units started them (dovecot -F under the unit, in the background).
    expect((await bw.world.sh("pgrep -a dovecot")).stdout).toContain("/usr/sbin/dovecot -F");
  });

  it("uninstalls through systemctl back to a byte-identical /etc", async () => {
    const r = await bw.run("./install.sh --uninstall");
    expect(r.code, r.output).toBe(0);
    expect(snapshotDiff(pristine, await bw.world.snapshot())).toEqual([]);
    expect((await bw.world.sh("pgrep -x rspamd; pgrep -x dovecot; pgrep -x master")).stdout.trim()).toBe("");
  });
});
