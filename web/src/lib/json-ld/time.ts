/**
 * "2026-03-02T14:30:00+01:00": an instant written on the wall clock of `timeZone`, with that zone's offset
 * at that instant (winter or summer time in Paris, +04:00 in La Réunion, -09:30 in the Marquesas).
 * Search engines show the time people will read on their own clocks there.
 */
export function zonedIso(value: Date | string, timeZone: string): string {
  const date = new Date(value);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  // "GMT+01:00", "GMT-09:30", or plain "GMT" when the offset is zero.
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
