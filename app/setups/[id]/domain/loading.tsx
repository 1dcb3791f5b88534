import { StepLoading } from "@/components/step-loading";

export default StepLoading;
