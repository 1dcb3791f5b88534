import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { pickLocale } from "./locale";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("French has every English key and no extra one", () => {
    const en = keys(loadMessages("en")).sort();
    const fr = keys(loadMessages("fr")).sort();
    expect(fr.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !fr.includes(k))).toEqual([]);
  });

  it("picks the browser's language, a cookie wins", () => {
    expect(pickLocale(undefined, "fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(pickLocale(undefined, "de-DE,de;q=0.9,fr;q=0.5")).toBe("fr");
    expect(pickLocale(undefined, "de")).toBe("en");
    expect(pickLocale("en", "fr")).toBe("en");
  });
});
