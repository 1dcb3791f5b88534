import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionBodyProblem } from "../../scripts/server/action-body.mjs";

// The gate before Next (scripts/serve.mjs) against React's own reply encoder and decoder:
// whatever the browser's encoder writes passes, and what React's decoder throws on is refused.
const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge") as {
  encodeReply: (v: unknown) => Promise<string | FormData>;
};

/** A reply as the browser sends it: its headers and its bytes. */
async function asSent(reply: string | FormData): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const r = new Response(reply);
  return {
    headers: { "next-action": "7f00", "content-type": r.headers.get("content-type")! },
    body: Buffer.from(await r.arrayBuffer()),
  };
}

/** What React's server decoder makes of a text reply: "ok" or its error (run where react-server resolves). */
function reactDecodes(bodies: string[]): string[] {
  const script = `
    const { decodeReply } = require("next/dist/compiled/react-server-dom-turbopack/server.node");
    (async () => {
      const out = [];
      for (const b of JSON.parse(process.argv[1])) {
        try { await decodeReply(b, {}); out.push("ok"); } catch (e) { out.push(e.message); }
      }
      console.log(JSON.stringify(out));
    })();`;
  return JSON.parse(
    execFileSync(process.execPath, ["--conditions", "react-server", "-e", script, JSON.stringify(bodies)], {
      encoding: "utf8",
    }),
  );
}

describe("a server action's body, checked before Next", () => {
  it("passes what React's encoder writes: shared objects as path references, forms with files, Maps, Dates", async () => {
    const verdicts = [{ mechanism: "spf", status: "pass" }];
    const state = { ok: true, report: { verdicts, dmarc: { verdicts } }, fixes: verdicts, at: new Date(0) };
    const form = new FormData();
    form.append("source", "");
    form.append("file", new Blob(["Received: x\r\n\r\nhi"]), "pass.eml");
    const replies = [
      await encodeReply(["cmx2fma3400007a7dv7aohutc", state, form]),
      await encodeReply([{ a: { b: { c: [1, 2] } }, again: null }, new Map([["k", verdicts]]), verdicts]),
    ];
    const root = (replies[0] as FormData).get("0") as string;
    expect(root).toContain('"$0:1:report:verdicts"');
    for (const reply of replies) {
      const { headers, body } = await asSent(reply);
      expect(await actionBodyProblem(headers, body)).toBeNull();
    }
  });

  it("refuses path references to nothing, as React's decoder does, and passes those it resolves", async () => {
    const bodies = [
      '["id",{"a":{"v":[1]},"b":"$0:1:a:v"}]',
      '["id",{"a":{"v":[1]},"b":"$0:1:a"}]',
      '["id",{"a":{"v":[1]},"b":"$0:1:a:w"}]',
      '["id",{"a":{"v":[1]},"b":"$0:1:a:v:0:x"}]',
      '["id",{"b":"$0:1:__proto__"}]',
      '["id",{"b":"$0:1:toString"}]',
      '["id",{"b":"$0:1:constructor:prototype"}]',
      '["id",{"b":"$0:5"}]',
      '["id","$0:"]',
    ];
    const react = reactDecodes(bodies);
    const gate = await Promise.all(
      bodies.map((b) => actionBodyProblem({ "next-action": "7f00", "content-type": "text/plain" }, Buffer.from(b))),
    );
    expect(react.slice(0, 2)).toEqual(["ok", "ok"]);
    expect(gate.slice(0, 2)).toEqual([null, null]);
    for (let i = 2; i < bodies.length; i++) {
      expect(react[i], bodies[i]).not.toBe("ok");
      expect(gate[i], bodies[i]).toMatch(/missing value/);
    }
  });

  it("refuses a path into another part whose own references point at nothing", async () => {
    const boundary = "x";
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.from(part("1", '{"a":{"b":1},"c":"$9"}') + part("0", '["$1:a"]') + `--${boundary}--\r\n`);
    const headers = { "next-action": "7f00", "content-type": `multipart/form-data; boundary=${boundary}` };
    expect(await actionBodyProblem(headers, body)).toMatch(/missing part/);
  });
});
