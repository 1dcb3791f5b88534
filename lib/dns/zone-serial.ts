/** A zone serial from a date, YYYYMMDDHH: it only moves forward. */
export function zoneSerial(now: Date): number {
  const iso = now.toISOString();
  return Number(iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13));
}
