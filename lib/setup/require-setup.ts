import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireSession } from "@/lib/auth/guard";
import { getSetup, type StoredSetup } from "./store";

/** One read of the setup per request, shared by the step layout and its page. */
const getSetupOnce = cache(getSetup);

/** First call of every page under /setups/[id]: the session, then the setup, or a 404. */
export async function requireSetup(params: Promise<{ id: string }>): Promise<StoredSetup> {
  await requireSession();
  const setup = await getSetupOnce((await params).id);
  if (!setup) notFound();
  return setup;
}
