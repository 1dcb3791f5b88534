import { getTranslations } from "next-intl/server";
import { relayAlignment, type RelayForAlignment } from "@/lib/relay/relay-alignment";

/** In relay mode, which of SPF and DKIM can carry DMARC, and why (the Checks page, above the results). */
export async function RelayAlignment({ relay }: { relay: RelayForAlignment }) {
  const t = await getTranslations("relay");
  const a = relayAlignment(relay);
  return (
    <section className="card space-y-1 text-sm" aria-labelledby="relay-alignment-title">
      <h3 id="relay-alignment-title" className="font-bold">
        {t("alignmentTitle")}
      </h3>
      <p>{t(`alignment.${a.spf}`)}</p>
      <p>{t(`alignment.${a.dkim}`)}</p>
    </section>
  );
}
