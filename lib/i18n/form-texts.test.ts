import { describe, expect, it } from "vitest";
import { shownOrder } from "@/lib/acme/shown-order";
import type { OrderView } from "@/lib/acme/order-view";
import { formTexts, refText, textOf } from "./form-texts";
import { loadMessages } from "./messages";

const en = loadMessages("en") as Record<string, Record<string, unknown>>;
const fr = loadMessages("fr") as Record<string, Record<string, unknown>>;

describe("texts finished on the server", () => {
  it("an action's outcome: its message in the form's namespace, its field errors in errors, in every locale", () => {
    const state = formTexts(
      { errors: { domain: ["hostname", "not-a-key"] }, message: "fixErrors", values: { domain: "x" } },
      "setup",
    );
    expect(state.message).toEqual({
      en: (en.setup as Record<string, string>).fixErrors,
      fr: (fr.setup as Record<string, string>).fixErrors,
    });
    expect(state.errors?.domain[0]).toEqual({ en: en.errors.hostname, fr: fr.errors.hostname });
    // An unknown key is shown as it is, as the client did before.
    expect(state.errors?.domain[1]).toEqual({ en: "not-a-key", fr: "not-a-key" });
    expect(state.values).toEqual({ domain: "x" });
  });

  it("formats with the outcome's params and the given ones, errors from another namespace", () => {
    const state = formTexts(
      { errors: { password: ["passwordTooShort"] }, message: "rateLimited", params: { seconds: 7 } },
      "auth",
      { errors: "auth", params: { min: 12, max: 1024 } },
    );
    expect(state.message?.en).toContain("7");
    expect(state.errors?.password[0].en).toContain("12");
    expect(state.errors?.password[0].fr).toContain("12");
  });

  it("a check's message with a nested cause, and a missing one", () => {
    expect(textOf("common.save")).toEqual({ en: "Save", fr: (fr.common as Record<string, string>).save });
    expect(refText({ key: "no.such.key" }, "certificate.preflight")).toBeUndefined();
  });

  it("an order's problem: its own text, or the unknown problem's", () => {
    const order = { id: "o", state: "failed", problem: { kind: "rateLimited", detail: "slow down" } } as OrderView;
    const problems = (m: typeof en) =>
      (m.certificate as Record<string, Record<string, Record<string, string>>>).problems;
    expect(shownOrder(order).problemText).toEqual({
      message: { en: problems(en).rateLimited.message, fr: problems(fr).rateLimited.message },
      advice: { en: problems(en).rateLimited.advice, fr: problems(fr).rateLimited.advice },
    });
    const odd = shownOrder({ ...order, problem: { kind: "nothingLikeIt", detail: "?" } });
    expect(odd.problemText?.message.fr).toBe(problems(fr).unknown.message);
    expect(shownOrder({ ...order, problem: undefined }).problemText).toBeUndefined();
  });
});
