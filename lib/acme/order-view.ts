import type { OrderRecord, OrderState } from "./order-record";

/** What the browser may see of an order: no key authorizations for HTTP-01, no secrets. */
export interface OrderView {
  id: string;
  state: OrderState;
  method: OrderRecord["method"];
  directoryUrl: string;
  names: string[];
  history: { state: OrderState; at: string }[];
  waitingForDns: boolean;
  lastDnsCheckAt?: string;
  challenges: {
    identifier: string;
    txtName?: string;
    txtValue?: string;
    sightings?: { name: string; address: string; sees: boolean; error?: string }[];
  }[];
  /** Names the CA holds a recent proof for (it reused a valid authorization): nothing to publish for them. */
  alreadyValid: string[];
  problem?: { kind: string; detail: string };
  createdAt: string;
}

export function orderView(order: OrderRecord): OrderView {
  return {
    id: order.id,
    state: order.state,
    method: order.method,
    directoryUrl: order.directoryUrl,
    names: order.data.names,
    history: order.data.history,
    waitingForDns: !!order.data.waitingForDns,
    lastDnsCheckAt: order.data.lastDnsCheckAt,
    challenges: order.data.challenges
      .filter((c) => !c.alreadyValid)
      .map((c) => ({
        identifier: c.identifier,
        txtName: c.type === "dns-01" ? c.txtName : undefined,
        txtValue: c.type === "dns-01" ? c.txtValue : undefined,
        sightings: c.sightings?.map((s) => ({ name: s.name, address: s.address, sees: s.sees, error: s.error })),
      })),
    alreadyValid: order.data.challenges.filter((c) => c.alreadyValid).map((c) => c.identifier),
    problem: order.data.problem ? { kind: order.data.problem.kind, detail: order.data.problem.detail } : undefined,
    createdAt: order.createdAt.toISOString(),
  };
}
