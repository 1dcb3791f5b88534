import { StepPlaceholder } from "@/components/step-placeholder";
import { requireSession } from "@/lib/auth/guard";

export default async function Page() {
  await requireSession();
  return <StepPlaceholder step="bundle" />;
}
