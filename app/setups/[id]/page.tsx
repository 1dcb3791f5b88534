import { notFound, redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/guard";
import { stepProgress } from "@/lib/pipeline/step-progress";
import { nextStep, stepHref } from "@/lib/setup/steps";
import { getSetup } from "@/lib/setup/store";

export default async function SetupPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  const setup = await getSetup(id);
  if (!setup) notFound();
  redirect(stepHref(id, nextStep(await stepProgress(setup))));
}
