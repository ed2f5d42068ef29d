/** Longest wait between two connection attempts, in ms. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Returns the wait before reconnection attempt `failures` (0 for the first after a connection
 * that worked), in ms. The first wait is `baseMs`; after that the ceiling doubles with each
 * failure up to {@link MAX_BACKOFF_MS}, and the wait is drawn at random below it ("full
 * jitter"), so clients that lost the same server do not all come back at the same moment.
 */
export function backoffDelay(failures: number, baseMs: number, random = Math.random): number {
	if (failures <= 0) return baseMs;
	const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** failures);
	return Math.round(baseMs / 2 + random() * (ceiling - baseMs / 2));
}
