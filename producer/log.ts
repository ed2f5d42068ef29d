/**
 * Writes one line to stderr with the `producer:` prefix. Logs go to stderr because stdout
 * carries the records in console mode.
 */
export function log(message: string): void {
	process.stderr.write(`producer: ${message}\n`);
}

/** Returns the message of a caught error, without the stack. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
