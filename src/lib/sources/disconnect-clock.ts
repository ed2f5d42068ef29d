import type { SourceOutput } from './source-output';

/**
 * Times a network source's disconnect, and reports it as a gap once the source is live again,
 * so that the chart can mark where records are missing.
 */
export class DisconnectClock {
	#since: number | null = null;
	#reason = '';

	/** Notes that the connection was lost; a second loss before a reconnect keeps the first. */
	lost(reason: string, now = Date.now()): void {
		if (this.#since !== null) return;
		this.#since = now;
		this.#reason = reason;
	}

	/** Sends the gap since the loss, if there was one, now that the source is live again. */
	restored(output: SourceOutput, now = Date.now()): void {
		if (this.#since === null) return;
		output.gap(this.#since, now, this.#reason);
		this.#since = null;
	}
}
