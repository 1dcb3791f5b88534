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
        "checks.notInstalled",
        "checks.notInstalledHelp",
        "checks.notInstalledSave",
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
      ]}
    >
      {children}
    </ClientMessages>
  );
}
