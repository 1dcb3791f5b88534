/**
 * A spinner and what is being waited for, announced politely: a step's loading.tsx (`step`: a
 * section the size of the step's first card) or a Suspense fallback inside a page (a smaller line).
 */
export function LoadingStatus({ label, step = false }: { label: string; step?: boolean }) {
  const Box = step ? "section" : "p";
  return (
    <Box
      className={step ? "card flex items-center gap-3" : "card flex items-center gap-3 text-sm text-slate-700"}
      role="status"
      aria-live="polite"
    >
      <span
        aria-hidden
        className={`${step ? "size-5" : "size-4"} animate-spin rounded-full border-2 border-brand-600 border-t-transparent`}
      />
      {label}
    </Box>
  );
}
