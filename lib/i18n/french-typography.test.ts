import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { frenchTypographyMistakes } from "./french-typography";

function strings(obj: unknown, prefix = ""): [string, string][] {
  if (typeof obj === "string") return [[prefix, obj]];
  if (typeof obj !== "object" || obj === null) return [];
  return Object.entries(obj).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

describe("French typography in messages/fr", () => {
  it("has no typography mistake in any message", () => {
    const mistakes = strings(loadMessages("fr")).flatMap(([key, text]) =>
      frenchTypographyMistakes(text).map((m) => `${key}: ${m}`),
    );
    expect(mistakes).toEqual([]);
  });

  it("finds each kind of mistake", () => {
    const nb = "\u00a0";
    const thin = "\u202f";
    expect(
      frenchTypographyMistakes(`Attention${nb}: l’adresse «${thin}a${thin}» est prise${thin}; ok${thin}? oui${thin}!`),
    ).toEqual([]);
    expect(frenchTypographyMistakes("Attention : ceci")).toHaveLength(1); // plain space before a colon
    expect(frenchTypographyMistakes("Attention: ceci")).toHaveLength(1); // no space at all
    expect(frenchTypographyMistakes(`Vraiment ?`)).toHaveLength(1);
    expect(frenchTypographyMistakes(`Fini${nb}; puis`)).toEqual([]);
    expect(frenchTypographyMistakes(`Fini; puis`)).toHaveLength(1);
    expect(frenchTypographyMistakes("Oui !")).toHaveLength(1);
    expect(frenchTypographyMistakes("l'adresse")).toHaveLength(1); // straight apostrophe
    expect(frenchTypographyMistakes(`« mot${nb}»`)).toHaveLength(1); // no no-break space after «
    expect(frenchTypographyMistakes("le MX de {domain}")).toHaveLength(1); // "de élodie.test"
    expect(frenchTypographyMistakes("n’autorise que {found}")).toHaveLength(1);
    expect(frenchTypographyMistakes("{count} avertissements")).toHaveLength(1); // "1 avertissements"
    expect(frenchTypographyMistakes("{count, plural, one {# avertissement} other {# avertissements}}")).toEqual([]);
    // Code keeps its own punctuation: URLs, SPF terms, ports, times.
    expect(
      frenchTypographyMistakes(
        `https://{host}/x, include:, a: et mx:, (ip4: ou ip6:), {owner}:{group}, 127.0.0.1:11334, Content-Type: text/plain, de {ms} ms`,
      ),
    ).toEqual([]);
  });
});
