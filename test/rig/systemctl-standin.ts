import path from "node:path";

/**
 * A `systemctl` stand-in for a world (namespace.ts) that plays a booted
 * systemd: it runs the units' own Exec lines (the package's unit files, and
 * Postwright's), so install.sh's systemd path is exercised for real, and logs
 * every call to /run/world/systemctl.log. Simplified on purpose: Type=forking
 * waits for ExecStart, notify/simple run it in the background; ExecStop, or
 * SIGTERM to the PIDFile's process; `postfix.service` wants `postfix@-.service`
 * as Debian's postfix-instance-generator makes it; enable/disable manage the
 * [Install] WantedBy symlinks in /etc/systemd/system as systemctl does.
 */
export const SYSTEMCTL_STANDIN = path.join(import.meta.dirname, "systemctl-standin.sh");
