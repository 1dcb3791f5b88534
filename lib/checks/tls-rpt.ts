import "server-only";
import type { Check } from "./check";
import { checkEverywhere } from "./propagation";
import { parseTags } from "./records";
import { verdict } from "./verdict";

/** The SMTP TLS reporting record (RFC 8460) is present, once, with a rua. */
export const tlsRptCheck: Check = {
  id: "tls-rpt",
  needs: ["nameservers"],
  run(ctx) {
    const domain = ctx.setup.domain;
    return checkEverywhere(ctx, `_smtp._tls.${domain}`, "TXT", (records) => {
      const texts = records
        .filter((r) => r.type === "TXT")
        .map((r) => (r.data as Buffer[]).map((b) => b.toString()).join(""));
      const rpt = texts.filter((t) => /^v=TLSRPTv1\s*(;|$)/i.test(t.trim()));
      if (!rpt.length) return verdict("warn", "tlsRpt.missing", { domain }, "tlsRpt.fix", { domain });
      if (rpt.length > 1) return verdict("fail", "tlsRpt.multiple", { domain }, "tlsRpt.fix", { domain });
      const rua = parseTags(rpt[0]).get("rua");
      if (!rua || !/^(mailto:|https:)/i.test(rua))
        return verdict("fail", "tlsRpt.syntax", { domain }, "tlsRpt.fix", { domain });
      return verdict("pass", "tlsRpt.pass", { domain });
    });
  },
};
