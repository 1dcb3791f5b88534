import { inZone } from "./record";
import { normalName } from "@/lib/setup/derived";

/**
 * The host as registrars ask for it: relative to the zone, "@" for the apex.
 * Null when the name lies outside the zone (it belongs to another zone, e.g. a
 * mail host under another domain).
 */
export function relativeHost(name: string, origin: string): string | null {
  const n = normalName(name);
  const o = normalName(origin);
  if (!inZone(n, o)) return null;
  return n === o ? "@" : n.slice(0, n.length - o.length - 1);
}
