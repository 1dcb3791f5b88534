import "server-only";
import { buildBundle } from "@/lib/bundle/build-bundle";
import { ensureDkimKeys } from "@/lib/dkim/dkim-keys";
import { loadBundleInputs } from "@/lib/pipeline/load-bundle-inputs";
import { markStepComplete, type StoredSetup } from "@/lib/setup/store";

/**
 * The setup's bundle (.tar.gz bytes), from the wizard's download or `postwright bundle`.
 * Throws BundleError when a secret it needs is missing, UnsafeConfigValueError for a value no file may hold.
 * Making it completes the Mail server step (its files were reviewed) and the Bundle step.
 */
export async function makeBundle(setup: StoredSetup, opts: { includePrivateKeys: boolean }): Promise<Buffer> {
  await ensureDkimKeys(setup.id, setup.document);
  const bytes = await buildBundle(await loadBundleInputs(setup, opts));
  await markStepComplete(setup.id, "mail");
  await markStepComplete(setup.id, "bundle");
  return bytes;
}
