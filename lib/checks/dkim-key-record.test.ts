import { describe, expect, it } from "vitest";
import { keyUsableFor, parseDkimKeyRecord, type DkimKeyRecord } from "./dkim-key-record";

const key = "MCowBQYDK2VwAyEA" + "A".repeat(43) + "=";

describe("DKIM key records (RFC 6376 §3.6.1) as a verifier reads them", () => {
  it("reads the tags, with whitespace in p= and defaults for the rest", () => {
    const r = parseDkimKeyRecord(`v=DKIM1; k=rsa; p=${key.slice(0, 20)} ${key.slice(20)}`) as DkimKeyRecord;
    expect(r.publicKey).toBe(key);
    expect(r.keyType).toBe("rsa");
    expect(r.services).toEqual(["*"]);
    expect(parseDkimKeyRecord(`p=${key}`)).toMatchObject({ keyType: "rsa", hashes: null, flags: [] });
  });
  it("finds what makes a verifier discard or refuse the key", () => {
    expect(parseDkimKeyRecord(`v=DKIM2; p=${key}`)).toEqual({ kind: "version", found: "DKIM2" });
    expect(parseDkimKeyRecord(`k=rsa; v=DKIM1; p=${key}`)).toEqual({ kind: "versionNotFirst" });
    expect(parseDkimKeyRecord("v=DKIM1; k=rsa")).toEqual({ kind: "noKey" });
    expect(parseDkimKeyRecord(`v=DKIM1; p=${key}; p=${key}`)).toMatchObject({ kind: "syntax" });
    expect(parseDkimKeyRecord(`v=DKIM1; p=abc!def`)).toEqual({ kind: "badBase64" });
    expect(parseDkimKeyRecord(`v=DKIM1; s=tlsrpt; p=${key}`)).toEqual({ kind: "service", found: "tlsrpt" });
    const sha1 = parseDkimKeyRecord(`v=DKIM1; h=sha1; p=${key}`) as DkimKeyRecord;
    expect(keyUsableFor(sha1, "rsa-2048")).toEqual({ kind: "hash", found: "sha1", needed: "sha256" });
    const ed = parseDkimKeyRecord(`v=DKIM1; k=ed25519; p=${key}`) as DkimKeyRecord;
    expect(keyUsableFor(ed, "rsa-2048")).toEqual({ kind: "keyType", found: "ed25519" });
    expect(keyUsableFor(ed, "ed25519")).toBeNull();
  });
  it("keeps an empty p= (revoked) and t= flags for the judge", () => {
    expect(parseDkimKeyRecord("v=DKIM1; p=")).toMatchObject({ publicKey: "" });
    expect(parseDkimKeyRecord(`v=DKIM1; t=y:s; p=${key}`)).toMatchObject({ flags: ["y", "s"] });
  });
});
