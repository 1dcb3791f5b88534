import { Suspense } from "react";
import { LoadingStatus } from "@/components/loading-status";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Renders its children one turn of the event loop later, after what precedes them has been sent. */
async function Later({ children, turns }: { children: React.ReactNode; turns: number }) {
  for (let i = 0; i < turns; i++) await nextTurn();
  return children;
}

/**
 * A part of a page sent in its own late chunk of the response, within the same request: its HTML and
 * its React payload then go out side by side, so gzip stores its texts once instead of twice (they
 * would otherwise lie tens of kB apart, beyond gzip's 32 kB window).
 *
 * No flash of the fallback: an empty element `#end` comes after the part and after React's script
 * that reveals it, and a layout (outside the step's loading boundary, so that React hoists it into the
 * head) renders `<StreamedEnd end=… />`: the browser paints nothing before `#end` has arrived, and
 * React reveals a part that arrives before the first paint in that paint.
 */
export function Streamed({ label, end, children }: { label: string; end: string; children: React.ReactNode }) {
  return (
    <>
      <Suspense fallback={<LoadingStatus label={label} />}>
        <Later turns={1}>{children}</Later>
      </Suspense>
      <Suspense fallback={null}>
        <Later turns={3}>
          <span id={end} hidden />
        </Later>
      </Suspense>
    </>
  );
}

/** Holds the first paint until the Streamed part ending with `#end` has arrived (hoisted into the head by React). */
export function StreamedEnd({ end }: { end: string }) {
  return <link rel="expect" href={`#${end}`} blocking="render" />;
}
