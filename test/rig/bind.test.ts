import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kdig, startBind, type BindServer } from "./bind";

const zone = (serial: number, ip: string) => `$ORIGIN example.test.
$TTL 60
@ IN SOA ns1 hostmaster ${serial} 3600 600 86400 60
@ IN NS ns1
ns1 IN A 127.0.0.1
mail IN A ${ip}
`;

describe("rig: BIND on loopback", () => {
  let bind: BindServer;
  beforeAll(async () => {
    bind = await startBind({
      address: "127.0.9.1",
      zones: [{ name: "example.test", text: zone(1, "192.0.2.1"), allowUpdate: true }],
    });
  });
  afterAll(() => bind?.stop());

  it("serves, reloads and takes TSIG-signed updates", async () => {
    expect(kdig(bind, "mail.example.test", "A")).toEqual(["192.0.2.1"]);
    await bind.setZone({ name: "example.test", text: zone(2, "192.0.2.2"), allowUpdate: true });
    expect(kdig(bind, "mail.example.test", "A")).toEqual(["192.0.2.2"]);
    bind.update("example.test", ['update add _acme-challenge.mail.example.test. 60 TXT "abc"']);
    expect(kdig(bind, "_acme-challenge.mail.example.test", "TXT")).toEqual(['"abc"']);
  });
});
