"use client";
import Link, { useLinkStatus } from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * A step's link in the step navigation: aria-current="step" when that step is
 * the page shown, scrolled into view (the page up to the strip, the strip
 * sideways when narrower than its steps, on a phone), and a spinner while the
 * step it leads to is on its way.
 */
export function StepLink({
  step,
  href,
  loadingLabel,
  children,
}: {
  step: string;
  href: string;
  loadingLabel: string;
  children: React.ReactNode;
}) {
  const current = useSelectedLayoutSegment() === step;
  const ref = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const link = ref.current;
    const strip = link?.closest("nav");
    if (!current || !link || !strip) return;
    // A new step starts at the top, where the strip says which one it is (a Next link at the bottom led here).
    if (strip.getBoundingClientRect().top < 0) strip.scrollIntoView({ block: "start" });
    if (strip.scrollWidth > strip.clientWidth)
      strip.scrollTo({ left: link.offsetLeft - (strip.clientWidth - link.offsetWidth) / 2 });
  }, [current]);
  return (
    <Link ref={ref} href={href} aria-current={current ? "step" : undefined} className="step-link">
      {children}
      <Pending label={loadingLabel} />
    </Link>
  );
}

function Pending({ label }: { label: string }) {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span role="status" className="inline-flex items-center">
      <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
      <span className="sr-only">{label}</span>
    </span>
  );
}
