/** The wizard's steps, in order; drives the step navigation and the URLs. */
export const steps = [
  { id: "network", path: "network" },
  { id: "domain", path: "domain" },
  { id: "dns", path: "dns" },
  { id: "checks", path: "checks" },
  { id: "certificate", path: "certificate" },
  { id: "mail", path: "mail" },
  { id: "bundle", path: "bundle" },
] as const;

export type StepId = (typeof steps)[number]["id"];

export function isStepId(value: string): value is StepId {
  return steps.some((s) => s.id === value);
}

export function stepHref(setupId: string, step: StepId): string {
  return `/setups/${setupId}/${step}`;
}

/** The first step not yet complete, or the last one. */
export function nextStep(done: readonly string[]): StepId {
  return (steps.find((s) => !done.includes(s.id)) ?? steps[steps.length - 1]).id;
}
