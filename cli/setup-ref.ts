import { getSetupByDomain, type StoredSetup } from "@/lib/setup/store";
import { UsageError } from "./usage-error";

/** The setup named by DOMAIN on the command line (Unicode or ASCII), or a usage error. */
export async function setupFromArg(domain: string): Promise<StoredSetup> {
  const setup = await getSetupByDomain(domain);
  if (!setup) throw new UsageError(`no setup for "${domain}" (see: postwright list)`);
  return setup;
}
