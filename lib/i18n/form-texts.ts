import "server-only";
import { createTranslator } from "next-intl";
import { messageText } from "@/components/checks/message-text";
import type { MessageRef } from "@/lib/checks/result";
import type { FormOutcome, FormState, Text } from "@/lib/forms/form-state";
import { locales, type Locale } from "./locale";
import { loadMessages } from "./messages";

type Params = Record<string, string | number>;
type Translate = (key: string, params?: Params) => string | undefined;

type Translator = ReturnType<typeof createTranslator>;
/** One translator per loaded catalogue: it keeps the ICU messages it has parsed (a new one would parse them again). */
const made = new WeakMap<object, Translator>();

function translatorFor(locale: Locale): Translator {
  const messages = loadMessages(locale); // the same object each time in production; a fresh read in development
  let t = made.get(messages);
  if (!t) made.set(messages, (t = createTranslator({ locale, messages })));
  return t;
}

const all = () => locales.map((locale) => [locale, translatorFor(locale)] as const);

/** One translator per locale, answering undefined for a key that has no message. */
function translators(): [Locale, Translate][] {
  return all().map(([locale, t]) => {
    const has = t.has as (key: string) => boolean;
    const translate = t as unknown as (key: string, params?: Params) => string;
    return [locale, (key, params) => (has(key) ? translate(key, params) : undefined)];
  });
}

/** A check's message (see messageText) under `namespace` in every locale; undefined when it has none. */
export function refText(ref: MessageRef | undefined, namespace: string): Text | undefined {
  const texts = all().map(([locale, t]) => [locale, messageText(t, ref, `${namespace}.`)] as const);
  return texts.every(([, s]) => s !== undefined) ? (Object.fromEntries(texts) as Text) : undefined;
}

/** The message at `key` (its full path, "errors.hostname") in every locale; `fallback` where there is none. */
export function textOf(key: string, params?: Params, fallback = key): Text {
  return textsWith(translators())(key, params, fallback);
}

function textsWith(all: [Locale, Translate][]) {
  return (key: string, params: Params | undefined, fallback: string): Text =>
    Object.fromEntries(all.map(([locale, t]) => [locale, t(key, params) ?? fallback])) as Text;
}

/**
 * An action's outcome as its form shows it, translated here: the message key read
 * in the form's `namespace`, the field errors in "errors" (or the namespace given
 * as `errors`), with `params` and the outcome's own. An unknown key is shown as it is.
 */
export function formTexts(
  outcome: FormOutcome,
  namespace: string,
  { errors = "errors", params }: { errors?: string; params?: Params } = {},
): FormState {
  const text = textsWith(translators());
  const { errors: fieldErrors, message, ...rest } = outcome;
  const state: FormState = { ...rest };
  if (message) state.message = text(`${namespace}.${message}`, { ...params, ...outcome.params }, message);
  if (fieldErrors)
    state.errors = Object.fromEntries(
      Object.entries(fieldErrors).map(([field, keys]) => [
        field,
        keys.map((k) => text(`${errors}.${k}`, { ...params, ...outcome.params }, k)),
      ]),
    );
  return state;
}

/** Whether there is a message at `key` (its full path) in every locale. */
export function hasMessage(key: string): boolean {
  return translators().every(([, t]) => t(key) !== undefined);
}
