/** Name of the Web Lock a page holds while it records a session. */
export function lockName(sessionId: string): string {
	return `streamlens-recording-${sessionId}`;
}
