import fs from "node:fs";

const MAIN_CF = "/etc/postfix/main.cf";
const LOCK = "/etc/postfix/.postwright-test.lock";

function withLock<T>(fn: () => T): T {
  const end = Date.now() + 10_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() > end) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmdirSync(LOCK);
  }
}

const MARK = "# postwright-test:";

/**
 * `postfix -c DIR` refuses a directory that the default main.cf does not list in
 * alternate_config_directories. This adds DIR to that list (creating
 * /etc/postfix/main.cf when there is none) and returns a function that takes it
 * out again, deleting the file once no test needs it and it was ours, or
 * restoring the original text.
 */
export function authorizePostfixConfigDirectory(dir: string): () => void {
  const edit = (change: (dirs: string[]) => string[]) =>
    withLock(() => {
      const existing = fs.existsSync(MAIN_CF) ? fs.readFileSync(MAIN_CF, "utf8") : null;
      const ours = existing?.split("\n").find((l) => l.startsWith(MARK));
      const original = ours ? JSON.parse(ours.slice(MARK.length)) as { text: string | null; dirs: string[] } : { text: existing, dirs: [] };
      const dirs = change(original.dirs);
      if (dirs.length === 0) {
        if (original.text === null) fs.rmSync(MAIN_CF, { force: true });
        else fs.writeFileSync(MAIN_CF, original.text);
        return;
      }
      const base = (original.text ?? "").split("\n").filter((l) => !/^\s*alternate_config_directories\s*=/.test(l)).join("\n");
      const previous = /^\s*alternate_config_directories\s*=\s*(.*)$/m.exec(original.text ?? "")?.[1] ?? "";
      fs.writeFileSync(MAIN_CF, `${base.trimEnd()}\n${MARK}${JSON.stringify({ ...original, dirs })}\nalternate_config_directories = ${[previous, ...dirs].filter(Boolean).join(", ")}\n`.trimStart());
    });
  edit((dirs) => [...dirs, dir]);
  return () => edit((dirs) => dirs.filter((d) => d !== dir));
}
