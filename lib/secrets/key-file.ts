import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const KEY_FILE_NAME = "postwright.key";

/**
 * The 32-byte key that seals every secret, in a 0600 file beside the database.
 * Created on first use; an existing file with looser permissions is tightened.
 */
export function loadOrCreateKey(dir: string): Buffer {
  const file = path.join(dir, KEY_FILE_NAME);
  fs.mkdirSync(dir, { recursive: true });
  try {
    const fd = fs.openSync(file, "wx", 0o600);
    fs.writeSync(fd, randomBytes(32).toString("base64") + "\n");
    fs.closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}
