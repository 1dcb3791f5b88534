import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        "checks.answer",
        "checks.auto",
        "checks.changedFrom",
        "checks.checkNow",
        "checks.details",
        "checks.fix",
        "checks.lastRun",
        "checks.new",
        "checks.query",
        "checks.rechecking",
        "checks.runFailed",
        "checks.running",
        "checks.source",
        "checks.status",
        "checks.summary",
        "checks.titles",
        "checks.ttlLeft",
        "checks.verdict",
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
