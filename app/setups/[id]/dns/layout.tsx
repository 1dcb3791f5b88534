import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        "common.copied",
        "common.copy",
        "common.copyByHand",
        "common.copyByHandHint",
        "dns.algorithm",
        "dns.dkimIntro",
        "dns.dkimTitle",
        "dns.nextStep",
        "dns.publishConfirm",
        "dns.publishHelp",
        "dns.publishTitle",
        "dns.publishUndo",
        "dns.publishing",
        "dns.relayIncludeHelp",
        "dns.relayIncludeLabel",
        "dns.relayIncludeSave",
        "dns.retire",
        "dns.retiringNow",
        "dns.rotate",
        "dns.rotateHelp",
        "dns.rotating",
        "dns.selector",
        "dns.statuses",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
