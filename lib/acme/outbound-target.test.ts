import { describe, expect, it } from "vitest";
import { directoryMeta } from "./account";
import { assertPublicUrl, PrivateTargetError } from "./outbound-target";

describe("ACME targets typed by a user stay on the Internet", () => {
  it.each([
    "https://127.0.0.1/directory",
    "https://localhost:14000/dir",
    "https://[::1]/dir",
    "https://[::ffff:192.168.1.1]/dir",
    "https://[::a9fe:a9fe]/latest/meta-data",
    "https://10.0.0.8/dir",
    "https://169.254.169.254/dir",
  ])("%s is refused before any connection", async (url) => {
    await expect(assertPublicUrl(url, false)).rejects.toBeInstanceOf(PrivateTargetError);
    await expect(directoryMeta(url)).rejects.toBeInstanceOf(PrivateTargetError);
  });

  it("a private CA chosen explicitly (POSTWRIGHT_ACME_DIRECTORY / _CA_CERT) may be local", async () => {
    await expect(assertPublicUrl("https://127.0.0.1/directory", true)).resolves.toBeUndefined();
    await expect(assertPublicUrl("https://203.0.113.5/directory", false)).rejects.toBeInstanceOf(PrivateTargetError);
    await expect(assertPublicUrl("https://8.8.8.8/directory", false)).resolves.toBeUndefined();
  });
});
