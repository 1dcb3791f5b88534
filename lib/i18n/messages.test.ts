import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { pickLocale } from "./locale";
import { createTranslator } from "next-intl";

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

describe("every message", () => {
  for (const locale of ["en", "fr"] as const) {
    it(`is valid ICU in ${locale} and formats with its arguments`, () => {
      const messages = loadMessages(locale);
      const errors: string[] = [];
      const t = createTranslator({ locale, messages, onError: (e) => errors.push(e.message) });
      const paths = keys(messages);
      for (const path of paths) {
        const text = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;
        const values: Record<string, number | ((chunks: string) => string)> = {};
        for (const m of text.matchAll(/\{\s*(\w+)\s*[,}]/g)) values[m[1]] = 1;
        for (const m of text.matchAll(/<(\w+)>/g)) values[m[1]] = (chunks: string) => chunks;
        const out = t.markup(path as never, values as never);
        if (out === path) errors.push(`${path}: did not format`);
      }
      expect(errors).toEqual([]);
    });
  }
});
