import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireSession } from "@/lib/auth/guard";
import { getSetup, type StoredSetup } from "./store";

/** One read of the setup per request, shared by the step layout and its page. */
const getSetupOnce = cache(getSetup);

/** First call of every page under /setups/[id]: the session (else the login page), then the setup, or a 404. */
export async function requireSetup(params: Promise<{ id: string }>): Promise<StoredSetup> {
  // Read together; without a valid session requireSession redirects and the setup read goes unused.
  const [, setup] = await Promise.all([requireSession(), params.then((p) => getSetupOnce(p.id))]);
  if (!setup) notFound();
  return setup;
}
