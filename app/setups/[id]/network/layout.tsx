import { CHECKS_LIVE_MESSAGES } from "@/components/checks/checks-live-messages";
import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        ...CHECKS_LIVE_MESSAGES,
        "network.directHelp",
        "network.directSave",
        "network.directTitle",
        "network.relayFingerprint",
        "network.relayFingerprintHelp",
        "network.relayHost",
        "network.relayIntro",
        "network.relayPassword",
        "network.relayPasswordHelp",
        "network.relayPasswordHelpNew",
        "network.relayPort",
        "network.relaySave",
        "network.relaySaving",
        "network.relayTitle",
        "network.relayUsername",
        "relay",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
