"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Renders `fallback` in the server's HTML and while React hydrates it, then `children`. For a
 * page whose content is data for client components: Next sends a server-rendered text twice,
 * in the HTML and again in the React payload that hydrates it; below this boundary it is sent
 * once, as the payload's data, and the browser renders it (a navigation between steps never
 * had more than the payload). Costs the first paint of a full page load a hydration's wait.
 */
export function AfterHydration({ fallback, children }: { fallback: React.ReactNode; children: React.ReactNode }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return hydrated ? children : fallback;
}
