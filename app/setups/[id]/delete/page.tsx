import { DeleteSetupForm } from "@/components/delete-setup-form";
import { displayDomain } from "@/lib/setup/derived";
import { removeSetup } from "./actions";
import { requireSetup } from "@/lib/setup/require-setup";

export default async function DeleteSetupPage({ params }: { params: Promise<{ id: string }> }) {
  const setup = await requireSetup(params);
  const { id } = setup;
  return <DeleteSetupForm action={removeSetup.bind(null, id)} domain={displayDomain(setup.domain)} />;
}
