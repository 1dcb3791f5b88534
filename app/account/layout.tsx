import { ClientMessages } from "@/components/client-messages";

/** The messages this page's client components translate with, and no others (see ClientMessages). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages
      keys={[
        "auth.changePassword",
        "auth.changingPassword",
        "auth.confirmPassword",
        "auth.currentPassword",
        "auth.newPassword",
        "auth.passwordTooShort",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
