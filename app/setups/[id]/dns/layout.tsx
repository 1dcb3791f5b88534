import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={["common.copied", "common.copy", "common.copyByHand", "common.copyByHandHint", "dns", "errors"]}
    >
      {children}
    </ClientMessages>
  );
}
