import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages keys={["auth.loggingIn", "auth.login", "auth.password", "auth.wrongPassword"]}>
      {children}
    </ClientMessages>
  );
}
