// First: points DATABASE_URL at a fresh migrated database before lib/db loads.
import { tempDb } from "@/test/temp-db";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { GET } from "./route";

const call = (token: string) =>
  GET(new Request(`http://x/.well-known/acme-challenge/${token}`), { params: Promise.resolve({ token }) });

describe("GET /.well-known/acme-challenge/[token]", () => {
  afterAll(() => tempDb.remove());

  it("answers the key authorization of an HTTP-01 order under way, and nothing else", async () => {
    const setup = await db.setup.create({ data: { domain: "web.test", document: "{}" } });
    const token = "tok_0123456789abcdefghij";
    const challenge = {
      identifier: "mail.web.test",
      authzUrl: "a",
      challengeUrl: "c",
      type: "http-01",
      token,
      keyAuthorization: `${token}.thumb`,
    };
    const order = await db.acmeOrder.create({
      data: {
        setupId: setup.id,
        directoryUrl: "https://ca.test/dir",
        method: "http-01",
        state: "validating",
        data: JSON.stringify({ names: [], challenges: [challenge], history: [] }),
      },
    });
    const ok = await call(token);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(`${token}.thumb`);
    expect((await call("unknown_token_0123456789")).status).toBe(404);
    expect((await call("../../etc/passwd")).status).toBe(404);
    await db.acmeOrder.update({ where: { id: order.id }, data: { state: "done" } });
    expect((await call(token)).status).toBe(404);
  });
});
