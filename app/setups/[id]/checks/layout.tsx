import { CHECKS_LIVE_MESSAGES } from "@/components/checks/checks-live-messages";
import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[...CHECKS_LIVE_MESSAGES, "checks.notInstalled", "checks.notInstalledHelp", "checks.notInstalledSave"]}
    >
      {children}
    </ClientMessages>
  );
}
