import fs from "node:fs";
import path from "node:path";

export interface PostfixAlternate {
  /** The command line that runs `cmd args` with the private /etc/postfix. */
  command(cmd: string, args: string[]): [string, string[]];
  /** The same as one shell command (for `script -qc`). */
  shell(cmd: string, args: string[]): string;
  /** Removes the private copy of /etc/postfix (once the daemons started through it have stopped). */
  release(): void;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs Postfix's commands for a configuration in DIR without reading or writing
 * the host's /etc/postfix/main.cf, which every test and worktree shares. As root,
 * `postfix -c DIR` needs no alternate_config_directories entry (Postfix checks that
 * list only for its set-gid commands run by another user: mail_conf.c), but
 * postfix-script still reads the default main.cf (`postconf -c /etc/postfix -h
 * multi_instance_directories`, several reads in one process) and checks every
 * instance it names. Tests used to add their folders to that shared file: a reader
 * then warned "overriding earlier entry: alternate_config_directories=…" when
 * another test changed the list between two of its reads, and `postfix check`
 * was no longer silent. Here the commands run in a mount namespace of their own
 * whose /etc/postfix is a private copy with a main.cf that lists DIR and nothing
 * else; the daemons `postfix start` leaves keep that namespace. Nothing of it is
 * visible outside, and the host's own Postfix settings do not leak in.
 */
export function postfixAlternate(dir: string): PostfixAlternate {
  const etc = fs.mkdtempSync(path.join(path.dirname(dir), ".pw-etc-postfix-"));
  // Postfix's own files (postfix-files, master.cf…), not the shared main.cf nor what other tests keep beside it.
  fs.cpSync("/etc/postfix", etc, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => !/^(main\.cf|\.postwright)/.test(path.basename(src)),
  });
  // postfix-script warns about a group- or world-writable /etc/postfix.
  fs.chmodSync(etc, 0o755);
  fs.writeFileSync(path.join(etc, "main.cf"), `alternate_config_directories = ${dir}\n`, { mode: 0o644 });
  const command = (cmd: string, args: string[]): [string, string[]] => [
    "unshare",
    [
      "--mount",
      "--propagation",
      "private",
      "sh",
      "-c",
      'mount --bind "$0" /etc/postfix && exec "$@"',
      etc,
      cmd,
      ...args,
    ],
  ];
  return {
    command,
    shell: (cmd, args) => {
      const [c, a] = command(cmd, args);
      return [c, ...a].map(quote).join(" ");
    },
    release: () => fs.rmSync(etc, { recursive: true, force: true }),
  };
}
