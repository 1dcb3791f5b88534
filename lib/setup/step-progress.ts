import type { SetupDocument } from "./schema";
import { steps, type StepId } from "./steps";

/** What decides whether each step is done: the stored marks (events) and the data the other steps left. */
export interface ProgressFacts {
  doc: Pick<SetupDocument, "delivery">;
  /** Steps marked by an event that leaves no other trace (StoredSetup.marks). */
  marks: readonly StepId[];
  /** The results of the setup's latest stored full check run, or null before the first. */
  latestChecks: readonly { id: string; status: string }[] | null;
  /** The setup has a certificate that has not expired (from the wizard, the CLI or a renewal). */
  certificate: boolean;
}

/**
 * The steps that are done, in wizard order. Domain is done once the document
 * exists; Network by its run or by relay mode; Checks when the latest full
 * run has no failure (in relay mode a blocked port 25 is expected, and the
 * mail server's TLS comes with the bundle);
 * Certificate when a valid one is stored; DNS, Mail server and Bundle by
 * their marks (records published, bundle downloaded).
 */
export function doneSteps(f: ProgressFacts): StepId[] {
  const relay = f.doc.delivery.mode === "relay";
  const done: Record<StepId, boolean> = {
    network: f.marks.includes("network") || relay,
    domain: true,
    dns: f.marks.includes("dns"),
    // The mail server's TLS does not count: the later Mail server and Bundle steps install it (Status keeps checking).
    checks:
      !!f.latestChecks &&
      f.latestChecks.every((r) => r.status !== "fail" || (relay && r.id === "port25-outbound") || r.id === "smtp-tls"),
    certificate: f.certificate,
    mail: f.marks.includes("mail"),
    bundle: f.marks.includes("bundle"),
  };
  return steps.map((s) => s.id).filter((id) => done[id]);
}
