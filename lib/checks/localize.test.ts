import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import fr from "@/messages/fr/findings.json";
import { localizeResult } from "./localize";
import { toResult, verdict } from "./verdict";

const t = createTranslator({ locale: "fr", messages: { findings: fr }, namespace: "findings" });

describe("localizeResult", () => {
  it("renders the summary, the fix and the details' notes in the reader's language, nested messages first", () => {
    const english = toResult(
      "ns",
      verdict("fail", "common.noNameservers", { domain: "example.org", error: "x" }, "common.noNameserversFix"),
      [{ source: "a", noteRef: { key: "common.nsNoAnswer", params: { server: "ns1", error: "timeout" } }, note: "n" }],
    );
    const shown = localizeResult(english, t);
    expect(english.summary).toContain("example.org"); // the English text, found in the same catalogue
    expect(shown.summary).toBe("Impossible de trouver les serveurs de noms du domaine example.org\u00a0: x.");
    expect(shown.fix).toMatch(/^Déléguez le domaine/);
    expect(shown.details[0].note).toBe("Le serveur de noms ns1 n’a pas répondu\u00a0: timeout.");
    expect(shown.summaryRef).toEqual(english.summaryRef);
  });

  it("keeps the English text of a key the catalogue lacks, and adds no fix to a result without one", () => {
    const r = toResult("ns", verdict("pass", "no.such.key"), []);
    const shown = localizeResult({ ...r, summary: "English" }, t);
    expect(shown.summary).toBe("English");
    expect(shown).not.toHaveProperty("fix");
  });
});
