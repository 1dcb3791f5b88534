import { CertificateDetails } from "@/components/certificate/certificate-details";
import type { AcmeEnv } from "@/lib/acme/acme-env";
import { certificateSummaryView } from "@/lib/acme/certificate-page-data";
import type { FormState } from "@/lib/forms/form-state";

/** The stored certificate with its renewal date (which may ask the CA: streamed in). */
export async function CurrentCertificate({
  setupId,
  env,
  renew,
}: {
  setupId: string;
  env: AcmeEnv;
  renew: (prev: FormState, form: FormData) => Promise<FormState>;
}) {
  const certificate = await certificateSummaryView(setupId, env);
  return certificate && <CertificateDetails certificate={certificate} renew={renew} />;
}
