import { CHECKS_LIVE_MESSAGES } from "@/components/checks/checks-live-messages";
import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        ...CHECKS_LIVE_MESSAGES,
        "headers.alsoScore",
        "headers.dmarcFailed",
        "headers.dmarcPassed",
        "headers.fileLabel",
        "headers.fixLink",
        "headers.intro",
        "headers.readTitle",
        "headers.reading",
        "headers.score",
        "headers.send",
        "headers.sourceLabel",
        "headers.sources",
        "headers.statuses",
        "headers.steps",
        "headers.submit",
        "headers.summary",
        "headers.title",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
