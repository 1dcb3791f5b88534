import "server-only";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { sameName } from "./records";
import { worstStatus, type CheckDetail } from "./result";
import { verdict } from "./verdict";

/** The RFC 6186 / RFC 8314 service records match the plan. */
export const srvCheck: Check = {
  id: "srv",
  needs: ["nameservers"],
  async run(ctx) {
    const planned = (ctx.input.plannedRecords ?? []).filter((r) => r.type === "SRV");
    if (!planned.length) return { verdict: verdict("skip", "srv.noPlan"), details: [] };
    const details: CheckDetail[] = [];
    const verdicts = await Promise.all(
      planned.map(async (p) => {
        const [priority, weight, port, target] = p.value.split(/\s+/);
        const out = await checkEverywhere(ctx, p.name, "SRV", (records) => {
          const srv = records.filter((r) => r.type === "SRV");
          if (!srv.length)
            return verdict("warn", "srv.missing", { name: p.name, value: p.value }, "srv.fix", {
              name: p.name,
              value: p.value,
            });
          const ok =
            srv.length === 1 &&
            srv[0].data.priority === Number(priority) &&
            srv[0].data.weight === Number(weight) &&
            srv[0].data.port === Number(port) &&
            sameName(srv[0].data.target || ".", target);
          return ok
            ? verdict("pass", "srv.pass")
            : verdict("fail", "srv.wrong", { name: p.name, value: p.value }, "srv.fix", {
                name: p.name,
                value: p.value,
              });
        });
        details.push(...out.details);
        return out.verdict;
      }),
    );
    const worst = worstStatus(verdicts.map((v) => v.status));
    return {
      verdict: worst === "pass" ? verdict("pass", "srv.pass") : verdicts.find((v) => v.status === worst)!,
      details,
    };
  },
};
