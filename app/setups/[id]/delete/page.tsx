import { notFound } from "next/navigation";
import { DeleteSetupForm } from "@/components/delete-setup-form";
import { requireSession } from "@/lib/auth/guard";
import { toUnicodeHostname } from "@/lib/setup/names";
import { getSetup } from "@/lib/setup/store";
import { removeSetup } from "./actions";

export default async function DeleteSetupPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  const setup = await getSetup(id);
  if (!setup) notFound();
  return <DeleteSetupForm action={removeSetup.bind(null, id)} domain={toUnicodeHostname(setup.domain)} />;
}
