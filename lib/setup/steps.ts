/** The wizard's steps, in order, each with its label (an i18n key under "steps"); they drive the step navigation and the URLs. */
export const steps = [
  { id: "network", label: "network" },
  { id: "domain", label: "domain" },
  { id: "dns", label: "dns" },
  { id: "checks", label: "checks" },
  { id: "certificate", label: "certificate" },
  { id: "mail", label: "mail" },
  { id: "bundle", label: "bundle" },
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
