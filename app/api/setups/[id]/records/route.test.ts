import { tempDbDir } from "@/test/temp-db";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimAdmin } from "@/lib/auth/admin";
import { issueSetupToken } from "@/lib/auth/first-run";
import { createSession } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { saveSetup } from "@/lib/setup/store";
import { GET } from "./route";

let id: string;
let cookie: string;
const call = (query: string, headers: Record<string, string> = { cookie }) =>
  GET(new Request(`http://127.0.0.1/api/setups/${id}/records${query}`, { headers }), {
    params: Promise.resolve({ id }),
  });

beforeAll(async () => {
  const saved = await saveSetup({ domain: "route.example", ipv4: "192.0.2.80", adminEmail: "a@route.example" });
  if (!saved.ok) throw new Error(saved.reason);
  id = saved.setup.id;
  // A session is opened for the admin (tied to their stamp): claim one first, as a user does.
  if (!(await claimAdmin((await issueSetupToken())!, "a long enough password"))) throw new Error("no admin");
  cookie = `${SESSION_COOKIE}=${(await createSession()).token}`;
});
afterAll(() => fs.rmSync(tempDbDir, { recursive: true, force: true }));

describe("GET /api/setups/[id]/records", () => {
  it("refuses without a session", async () => {
    expect((await call("?format=zone", {})).status).toBe(401);
    expect((await call("?format=zone", { cookie: `${SESSION_COOKIE}=forged` })).status).toBe(401);
  });
  it("serves the zone file and JSON as downloads, refuses other formats", async () => {
    const zone = await call("?format=zone");
    expect(zone.status).toBe(200);
    expect(zone.headers.get("content-disposition")).toBe('attachment; filename="route.example.zone"');
    expect(await zone.text()).toMatch(/^pw1\._domainkey 3600 IN TXT \( "v=DKIM1; k=rsa; p=MII/m);
    const json = await call("?format=json");
    expect(JSON.parse(await json.text()).records.some((r: { purpose: string }) => r.purpose === "dkim")).toBe(true);
    expect((await call("?format=yaml")).status).toBe(400);
    expect((await call("")).status).toBe(400);
  });
});
