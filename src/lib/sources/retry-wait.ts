/**
 * The wait before a source's next attempt, which the page shows as a countdown and can cut
 * short with "retry now".
 */
export class RetryWait {
	#timer: ReturnType<typeof setTimeout> | undefined = undefined;
	#wake: (() => void) | null = null;
	#retryAt: number | null = null;

	/** When the running wait ends, in epoch ms, or null when none runs or it shows no countdown. */
	get retryAt(): number | null {
		return this.#retryAt;
	}

	/**
	 * Resolves after `ms`, or earlier on {@link retryNow} or {@link cancel}. With `countdown`
	 * the end time is published in `retryAt`. A wait still running is ended first.
	 */
	wait(ms: number, countdown: boolean): Promise<void> {
		this.#wake?.();
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(this.#timer);
				this.#timer = undefined;
				this.#wake = null;
				this.#retryAt = null;
				resolve();
			};
			this.#retryAt = countdown ? Date.now() + ms : null;
			this.#timer = setTimeout(done, ms);
			this.#wake = done;
		});
	}

	/** Ends the running wait now; does nothing when none runs. */
	retryNow(): void {
		this.#wake?.();
	}

	/** Ends the running wait, for a source that stops; the caller checks that it stopped. */
	cancel(): void {
		this.#wake?.();
	}

	/** Whether a wait is running. */
	get waiting(): boolean {
		return this.#wake !== null;
	}
}
