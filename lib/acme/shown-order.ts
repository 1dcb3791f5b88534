import "server-only";
import type { Text } from "@/lib/forms/form-state";
import { hasMessage, textOf } from "@/lib/i18n/form-texts";
import type { OrderView } from "./order-view";

/** An order as its page shows it: the problem, when there is one, already said in every locale. */
export interface ShownOrder extends OrderView {
  problemText?: { message: Text; advice: Text };
}

const problem = (kind: string, part: "message" | "advice") =>
  textOf(`certificate.problems.${hasMessage(`certificate.problems.${kind}.${part}`) ? kind : "unknown"}.${part}`);

/** Translated here, so the browser does not carry every problem the CA could report. */
export function shownOrder(order: OrderView): ShownOrder {
  if (!order.problem) return order;
  return {
    ...order,
    problemText: { message: problem(order.problem.kind, "message"), advice: problem(order.problem.kind, "advice") },
  };
}
