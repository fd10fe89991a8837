/**
 * An action whose callers share one execution: a call made while it goes on gets the pending promise rather
 * than start another. The kill loops need it: a second loop still polling once the first had emptied a group
 * would kill the next run as it joins the group.
 */
export function singleFlight(action: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () =>
    (pending ??= action().finally(() => {
      pending = null;
    }));
}
