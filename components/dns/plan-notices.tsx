"use client";
import Link from "next/link";
import type { PlanNotice } from "@/lib/dns/plan";

/**
 * What the user should know about this plan (relay SPF, CAA, TLSA, other zones), translated
 * by the page: a plan has few notices, often none, and the page sends only the words shown.
 */
export function PlanNotices({
  notices,
  title,
  showTlsa,
  hideTlsa,
}: {
  notices: { id: PlanNotice; text: string }[];
  title: string;
  /** The link to the TLSA records, after the notice that they need DNSSEC. */
  showTlsa: string;
  /** Given when they are shown: the link that hides them. */
  hideTlsa?: string;
}) {
  return (
    <section className="card space-y-2" aria-labelledby="notices-title">
      <h3 id="notices-title" className="font-bold">
        {title}
      </h3>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {notices.map((n) => (
          <li key={n.id}>
            {n.text}
            {n.id === "tlsa-needs-dnssec" && (
              <Link className="ml-2 text-brand-700 underline" href="?dnssec=1">
                {showTlsa}
              </Link>
            )}
          </li>
        ))}
        {hideTlsa && (
          <li>
            <Link className="text-brand-700 underline" href="?">
              {hideTlsa}
            </Link>
          </li>
        )}
      </ul>
    </section>
  );
}
