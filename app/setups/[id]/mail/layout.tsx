import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages keys={["mail.fileContents", "mail.fileMeta", "mail.filesLabel", "mail.privateKeyHidden"]}>
      {children}
    </ClientMessages>
  );
}
