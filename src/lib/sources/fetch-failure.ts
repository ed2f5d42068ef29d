/**
 * Describes a fetch that failed before any response, naming the URL. Browsers give the same
 * TypeError ("Failed to fetch") for a refused connection, an unknown host and a response that
 * CORS blocks, and keep the cause from the page, so the message lists those causes.
 */
export function fetchFailure(url: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const causes =
		error instanceof TypeError
			? ': the server may be down or refusing connections, or may not allow this origin (CORS)'
			: '';
	return `could not connect to ${url} (${message})${causes}`;
}
