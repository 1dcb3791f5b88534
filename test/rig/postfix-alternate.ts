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

const STATE = "/etc/postfix/.postwright-test.json";

/**
 * `postfix -c DIR` refuses a directory that the default main.cf does not list in
 * alternate_config_directories. This adds DIR to that list (creating
 * /etc/postfix/main.cf when there is none) and returns a function that takes it
 * out again; once no test needs it, the original file (or its absence) is put
 * back. The original text and the directories in use are kept beside it.
 */
export function authorizePostfixConfigDirectory(dir: string): () => void {
  const edit = (change: (dirs: string[]) => string[]) =>
    withLock(() => {
      const state: { text: string | null; dirs: string[] } = fs.existsSync(STATE)
        ? JSON.parse(fs.readFileSync(STATE, "utf8"))
        : { text: fs.existsSync(MAIN_CF) ? fs.readFileSync(MAIN_CF, "utf8") : null, dirs: [] };
      state.dirs = change(state.dirs);
      if (state.dirs.length === 0) {
        if (state.text === null) fs.rmSync(MAIN_CF, { force: true });
        else writeAtomically(MAIN_CF, state.text);
        fs.rmSync(STATE, { force: true });
        return;
      }
      const lines = (state.text ?? "").split("\n");
      const previous = lines.map((l) => /^alternate_config_directories\s*=\s*(.*)$/.exec(l)?.[1]).find(Boolean);
      const kept = lines
        .filter((l) => !/^alternate_config_directories\s*=/.test(l))
        .join("\n")
        .trimEnd();
      fs.writeFileSync(STATE, JSON.stringify(state));
      writeAtomically(
        MAIN_CF,
        `${kept ? `${kept}\n` : ""}alternate_config_directories = ${[previous, ...state.dirs].filter(Boolean).join(", ")}\n`,
      );
    });
  edit((dirs) => [...dirs, dir]);
  return () => edit((dirs) => dirs.filter((d) => d !== dir));
}

/** Postfix may read the file while another test edits it: it must see the old text or the new, never half. */
function writeAtomically(file: string, text: string) {
  fs.writeFileSync(`${file}.postwright-tmp`, text);
  fs.renameSync(`${file}.postwright-tmp`, file);
}
