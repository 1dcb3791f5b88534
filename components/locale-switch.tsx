"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";

/**
 * The language buttons. Without JavaScript the form posts to the server
 * action (which sets the cookie and comes back to the page); with it, the
 * cookie is set here and the page re-rendered in place, so that a form being
 * filled in keeps everything typed, passwords included.
 */
export function LocaleSwitch({
  action,
  locales,
  current,
  label,
  names,
}: {
  action: (form: FormData) => Promise<void>;
  locales: readonly string[];
  current: string;
  label: string;
  names: Record<string, string>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={action}
      className="flex items-center gap-1"
      aria-label={label}
      aria-busy={pending}
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const locale = submitter?.value;
        if (!locale || !locales.includes(locale)) return;
        e.preventDefault();
        document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 24 * 3600}; samesite=strict`;
        startTransition(() => router.refresh());
      }}
    >
      {locales.map((l) => (
        <button
          key={l}
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === current}
          className="rounded px-2 py-1 text-sm aria-pressed:bg-brand-100 aria-pressed:font-semibold"
        >
          {names[l]}
        </button>
      ))}
    </form>
  );
}
