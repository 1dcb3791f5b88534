import { afterAll, beforeAll, expect, it } from "vitest";
import { collectChecks } from "@/lib/checks/run-checks";
import { startCachingResolver } from "../rig/caching-resolver";
import { startChecksRig, type ChecksRig } from "../rig/checks-rig";

let rig: ChecksRig;
let resolver: Awaited<ReturnType<typeof startCachingResolver>>;
beforeAll(async () => {
  rig = await startChecksRig({ net: "127.0.12" });
  resolver = await startCachingResolver({ address: "127.0.12.4", forwarders: [rig.config.resolver] });
});
afterAll(async () => {
  await resolver?.stop();
  await rig?.stop();
});

it("a resolver still holding the old answer only warns, with the TTL left to wait; the nameservers are asked directly", async () => {
  const config = { ...rig.config, resolver: { host: resolver.address, port: resolver.port } };
  const run = async () =>
    (await collectChecks({ input: rig.input, config, deps: rig.deps, only: ["mx", "dmarc"] })).reduce<
      Record<string, (typeof r)[number]>
    >((m, x) => ({ ...m, [x.id]: x }), {});
  let r: Awaited<ReturnType<typeof collectChecks>>;

  // The resolver learns the zone without DMARC (negative answer cached for the SOA minimum).
  await rig.publish(
    rig.domainZone((t) =>
      t
        .split("\n")
        .filter((l) => !l.startsWith("_dmarc "))
        .join("\n"),
    ),
  );
  r = await collectChecks({ input: rig.input, config, deps: rig.deps, only: ["dmarc"] });
  expect(r.find((x) => x.id === "dmarc")!.status).toBe("fail");

  // The user publishes it: every nameserver has it, the resolver does not yet.
  await rig.publish(rig.domainZone());
  const now = await run();
  expect(now.dmarc.status).toBe("warn");
  expect(now.dmarc.summaryRef.key).toBe("common.propagating");
  const cached = now.dmarc.details.find((d) => d.source?.startsWith("resolver"))!;
  expect(cached.status).toBe("fail");
  expect(cached.ttl).toBeGreaterThan(0);
  expect(cached.ttl).toBeLessThanOrEqual(300);
  expect(now.dmarc.details.filter((d) => /^ns[12]\.example\.test/.test(d.source ?? "")).map((d) => d.status)).toEqual([
    "pass",
    "pass",
  ]);
  expect(now.mx.status).toBe("pass");
});
