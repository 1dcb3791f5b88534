import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateKey } from "./key-file";
import { decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  it("round-trips, hides the plaintext and binds the context", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-key-"));
    const key = loadOrCreateKey(dir);
    expect(fs.statSync(path.join(dir, "postwright.key")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(dir).equals(key)).toBe(true);
    const sealed = encryptSecret(key, "hunter2-very-secret", "s/dkim/pw1");
    expect(sealed).not.toContain("hunter2");
    expect(decryptSecret(key, sealed, "s/dkim/pw1")).toBe("hunter2-very-secret");
    expect(() => decryptSecret(key, sealed, "other/context")).toThrow();
  });
});
