import { OrderForm } from "@/components/certificate/order-form";
import type { AcmeEnv } from "@/lib/acme/acme-env";
import type { StartState } from "@/lib/acme/certificate-form";
import {
  loadDirectoryTerms,
  loadPreflight,
  type CertificateFrame,
  type PreflightShown,
} from "@/lib/acme/certificate-page-data";
import { preflightLines } from "@/lib/acme/preflight-lines";
import { messageText } from "@/components/checks/message-text";
import { getTranslations } from "next-intl/server";
import type { SetupDocument } from "@/lib/setup/schema";

/** The order form once the CA's directory has answered; the preflight's findings follow on their own. */
export async function OrderFormSection({
  setupId,
  doc,
  frame,
  env,
  start,
}: {
  setupId: string;
  doc: SetupDocument;
  frame: CertificateFrame;
  env: AcmeEnv;
  start: (prev: StartState, form: FormData) => Promise<StartState>;
}) {
  const t = await getTranslations("certificate.preflight");
  // Translated here: the browser gets the findings' sentences, not the catalogue they come from.
  const preflight: Promise<PreflightShown> = loadPreflight(setupId, doc, frame, env).then((p) =>
    "error" in p
      ? p
      : {
          ...p,
          items: preflightLines(
            p.items,
            (ref) => messageText(t, ref),
            (s) => s,
          ),
        },
  );
  const terms = await loadDirectoryTerms(frame, env);
  return <OrderForm data={{ ...frame, terms }} preflight={preflight} start={start} />;
}
