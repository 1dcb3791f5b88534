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
        "dns.asChunks",
        "dns.copyChunks",
        "dns.copyHost",
        "dns.copyMtaSts",
        "dns.copyPtrMessage",
        "dns.copyValue",
        "dns.dkimIntro",
        "dns.dkimTitle",
        "dns.fullName",
        "dns.host",
        "dns.levels",
        "dns.mtaStsIntro",
        "dns.mtaStsTitle",
        "dns.nextStep",
        "dns.oneString",
        "dns.otherZone",
        "dns.ptrIntro",
        "dns.ptrMessage",
        "dns.ptrMessageLabel",
        "dns.ptrTitle",
        "dns.publishConfirm",
        "dns.publishHelp",
        "dns.publishTitle",
        "dns.publishUndo",
        "dns.publishing",
        "dns.retire",
        "dns.retiringNow",
        "dns.rotate",
        "dns.rotateHelp",
        "dns.rotating",
        "dns.selector",
        "dns.statuses",
        "dns.tableCaption",
        "dns.traps",
        "dns.trapsTitle",
        "dns.ttl",
        "dns.type",
        "dns.value",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
