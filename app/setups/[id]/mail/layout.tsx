import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        "mail.fileContents",
        "mail.fileLoadFailed",
        "mail.fileLoading",
        "mail.fileMeta",
        "mail.fileRetry",
        "mail.fileSignIn",
        "mail.fileSignedOut",
        "mail.filesLabel",
        "mail.privateKeyHidden",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
