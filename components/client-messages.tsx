import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages } from "@/lib/i18n/pick-messages";

/**
 * Sends the browser only the messages that the client components below it
 * translate with: message keys, groups of keys, or patterns for keys built at run
 * time (see pickMessages). Each route file that renders client components wraps
 * them in one; lib/i18n/client-namespaces.test.ts checks that the list is exact.
 */
export async function ClientMessages({ keys, children }: { keys: readonly string[]; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickMessages(await getMessages(), keys)}>{children}</NextIntlClientProvider>;
}
