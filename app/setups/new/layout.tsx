import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages keys={["common.save", "common.saving", "errors", "setup"]}>{children}</ClientMessages>;
}
