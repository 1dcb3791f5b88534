import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kdig, startBind, type BindServer } from "@/test/rig/bind";
import { parseTsigKey, sendTxtUpdate } from "./dns-update";

const zone = `$ORIGIN example.test.
$TTL 60
@ IN SOA ns1 hostmaster 1 3600 600 86400 60
@ IN NS ns1
ns1 IN A 127.0.13.5
`;

describe("RFC 2136 TXT updates with TSIG, against BIND", () => {
  let bind: BindServer;
  const server = () => ({ host: bind.address, port: bind.port });
  beforeAll(async () => {
    bind = await startBind({ address: "127.0.13.5", zones: [{ name: "example.test", text: zone, allowUpdate: true }] });
  });
  afterAll(() => bind?.stop());

  it("adds and deletes one value, leaving the others", async () => {
    const key = { ...bind.tsig };
    await sendTxtUpdate(
      server(),
      "example.test",
      [
        { op: "add", name: "_acme-challenge.mail.example.test", value: "one" },
        { op: "add", name: "_acme-challenge.mail.example.test", value: "two" },
      ],
      key,
    );
    expect(kdig(bind, "_acme-challenge.mail.example.test", "TXT").sort()).toEqual(['"one"', '"two"']);
    await sendTxtUpdate(
      server(),
      "example.test",
      [{ op: "delete", name: "_acme-challenge.mail.example.test", value: "one" }],
      key,
    );
    expect(kdig(bind, "_acme-challenge.mail.example.test", "TXT")).toEqual(['"two"']);
  });

  it("explains a wrong key in plain words", async () => {
    const wrong = { ...bind.tsig, secret: Buffer.alloc(32, 1).toString("base64") };
    await expect(
      sendTxtUpdate(server(), "example.test", [{ op: "add", name: "x.example.test", value: "v" }], wrong),
    ).rejects.toThrow(/NOTAUTH.*TSIG key/);
  });

  it("parses NAME:ALG:SECRET and refuses bad keys", () => {
    expect(parseTsigKey("k:HMAC-SHA256:YWJj")).toEqual({ name: "k", algorithm: "hmac-sha256", secret: "YWJj" });
    expect(() => parseTsigKey("k:md5:YWJj")).toThrow(/unknown TSIG algorithm/);
    expect(() => parseTsigKey("k:YWJj")).toThrow(/NAME:ALGORITHM:SECRET/);
  });
});
