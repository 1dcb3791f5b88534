import "server-only";
import { formatHostPort } from "@/lib/net/host-port";
import type { Check } from "./check";
import type { CheckDetail } from "./result";
import { errorMessage, errorRef, verdict } from "./verdict";

/** An answer later than this is slow: resolvers give up on a server after about a second and try another. */
export const SLOW_NAMESERVER_MS = 1500;

/**
 * The domain's nameservers answer, authoritatively, with the same SOA serial,
 * promptly, and there are at least two. A nameserver's failure is this
 * check's finding alone: the record checks judge what the others serve.
 */
export const nsCheck: Check = {
  id: "ns",
  needs: ["resolver"],
  async run(ctx) {
    const domain = ctx.setup.domain;
    let health;
    try {
      health = await ctx.nameserverHealth();
    } catch (e) {
      return {
        verdict: verdict("fail", "ns.none", { domain, error: errorRef(e) }, "ns.noneFix"),
        details: [{ query: `NS ${domain}`, note: errorMessage(e), noteRef: errorRef(e), status: "fail" }],
      };
    }
    const details: CheckDetail[] = health.map((h) => ({
      source: `${h.ns.name} (${formatHostPort(h.ns.server)})`,
      query: `SOA ${domain}`,
      ...(h.error
        ? {}
        : { answer: [h.serial !== undefined ? `serial ${h.serial}${h.aa ? "" : " (not authoritative)"}` : h.rcode!] }),
      status: h.ok ? (h.ms > SLOW_NAMESERVER_MS ? "warn" : "pass") : "fail",
      note: h.error ?? `${h.ms} ms`,
      ...(h.errorRef ? { noteRef: h.errorRef } : {}),
    }));
    const silent = health.filter((h) => h.error);
    if (silent.length === health.length)
      return {
        verdict: verdict(
          "fail",
          "ns.allSilent",
          { domain, servers: health.map((h) => h.ns.name).join(", ") },
          "ns.allSilentFix",
          { domain },
        ),
        details,
      };
    const lame = health.find((h) => !h.ok && !h.error);
    if (lame)
      return {
        verdict: verdict(
          "fail",
          "ns.lame",
          {
            server: lame.ns.name,
            rcode: lame.aa === false && lame.rcode === "NOERROR" ? { key: "errors.notAuthoritative" } : lame.rcode!,
          },
          "ns.lameFix",
          { server: lame.ns.name, domain },
        ),
        details,
      };
    if (silent.length)
      return {
        verdict: verdict(
          "fail",
          "ns.silent",
          { server: silent[0].ns.name, error: silent[0].errorRef ?? silent[0].error! },
          "ns.silentFix",
          {
            server: silent[0].ns.name,
            domain,
          },
        ),
        details,
      };
    const serials = health.map((h) => h.serial!);
    const highest = Math.max(...serials);
    const behind = health.find((h) => h.serial !== highest);
    if (behind)
      return {
        verdict: verdict(
          "fail",
          "ns.serialMismatch",
          { server: behind.ns.name, serial: behind.serial!, highest },
          "ns.serialMismatchFix",
          { server: behind.ns.name },
        ),
        details,
      };
    const slow = health.find((h) => h.ms > SLOW_NAMESERVER_MS);
    if (slow)
      return {
        verdict: verdict("warn", "ns.slow", { server: slow.ns.name, ms: slow.ms }, "ns.slowFix", {
          server: slow.ns.name,
        }),
        details,
      };
    if (new Set(health.map((h) => h.ns.name)).size < 2)
      return { verdict: verdict("warn", "ns.single", { server: health[0].ns.name }, "ns.singleFix"), details };
    return { verdict: verdict("pass", "ns.pass", { count: health.length, serial: highest }), details };
  },
};
