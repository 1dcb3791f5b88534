import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        "common.cancel",
        "home.deleteConfirm",
        "home.deleteConfirmLabel",
        "home.deleteMismatch",
        "home.deleteTitle",
        "home.deleteWarning",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
