import type { FingerprintEntries } from '@malardalsradet/site-contract';

/**
 * Which of the CMS's fingerprint entries (per type and language) differ from a release's in a way
 * a webhook to this server cannot explain. A start reads the CMS's fingerprint some seconds after
 * the server began taking webhooks (after reading the live release's content back): an editor's
 * publish in that window is already in it, and its webhook comes here (often after the read). Such
 * an entry's newest `updatedAt` is at or after `since` (when webhooks were taken) and its count is
 * the release's (an edit; a new or removed document changes the count and is not excused). Every
 * other difference is a change no site server heard of: a full build.
 *
 * What a per-change release already accepts holds here too: a change lost while no server ran
 * is not seen behind a later publish of the same type and language (the entry shows only the
 * newest). `updatedAt` is the CMS's clock and `since` the site server's: a CMS clock running
 * ahead would excuse a change made that much before the start.
 *
 * No entries recorded (a release from before they were kept): every difference counts.
 */
export const unexplainedEntries = (recorded: FingerprintEntries | undefined, now: FingerprintEntries | undefined, since: number): string[] => {
  if (!recorded || !now) return ['(no entries to compare)'];
  return differingEntries(recorded, now).filter((key) => {
    const before = recorded[key];
    const after = now[key];
    if (!before || !after?.updatedAt || before.total !== after.total) return true;
    return !(Date.parse(after.updatedAt) >= since);
  });
};

/** The entries (type and language) in which two fingerprints differ. */
export const differingEntries = (recorded: FingerprintEntries, now: FingerprintEntries): string[] =>
  [...new Set([...Object.keys(recorded), ...Object.keys(now)])].filter(
    (key) => recorded[key]?.updatedAt !== now[key]?.updatedAt || recorded[key]?.total !== now[key]?.total,
  );
