import type { Locale } from "@/lib/i18n/locale";

/**
 * A message finished on the server, in every language the UI speaks: a form shows
 * the one of the page's locale, so switching language in place re-labels it, and
 * the browser needs no message namespace for keys known only at run time.
 */
export type Text = Readonly<Record<Locale, string>>;

/** What an action decides, in message keys (filled in on the server, turned into texts by lib/i18n/form-texts). */
export interface FormOutcome {
  /** field path → message keys in the "errors" namespace */
  errors?: Record<string, string[]>;
  /** a message key in the form's own namespace, shown above the form */
  message?: string;
  /** parameters for `message` */
  params?: Record<string, string | number>;
  ok?: boolean;
  /** what the user typed, to show again after a refusal (never passwords) */
  values?: Record<string, unknown>;
}

/** What every server action returns to its form (style.md §8), its messages already translated. */
export interface FormState extends Omit<FormOutcome, "errors" | "message"> {
  /** field path → what is wrong with it */
  errors?: Record<string, Text[]>;
  /** shown above the form */
  message?: Text;
}

export const initialFormState: FormState = {};
