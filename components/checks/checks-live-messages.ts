/**
 * The message keys the live check list (ChecksLive and its CheckItem rows) translates with: each
 * route that shows it passes these to ClientMessages, with its own components' keys beside them.
 * lib/i18n/client-namespaces.test.ts checks every such list against what the components use.
 */
export const CHECKS_LIVE_MESSAGES = [
  "checks.answer",
  "checks.auto",
  "checks.changedFrom",
  "checks.checkNow",
  "checks.details",
  "checks.fix",
  "checks.lastRun",
  "checks.new",
  "checks.query",
  "checks.rechecking",
  "checks.runFailed",
  "checks.running",
  "checks.source",
  "checks.status",
  "checks.summary",
  "checks.titles",
  "checks.ttlLeft",
  "checks.verdict",
] as const;
