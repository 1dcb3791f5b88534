import { useLocale } from "next-intl";
import type { Text } from "@/lib/forms/form-state";
import type { Locale } from "./locale";

/** Shows texts finished on the server (see Text) in the page's language. */
export function useText(): (text: Text | undefined) => string {
  const locale = useLocale() as Locale;
  return (text) => text?.[locale] ?? "";
}
