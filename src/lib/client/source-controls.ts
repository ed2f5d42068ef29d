import type { SourceKind, SourceStatus } from '../protocol';

/** The source controls that have something to act on, so that the page enables only those. */
export interface SourceControls {
	/** Whether Pause, or Resume while paused, is offered. */
	pause: boolean;
	/** Whether Stop is offered. */
	stop: boolean;
}

/**
 * Decides which controls act on the source started last (`running`), of kind `kind`, now in
 * `status`. A source that reports done or error has ended: a file read to its end or failed, a
 * stream that its server closed or rejected, a replay played out. Its controls are off, as when
 * nothing was started, and a new start turns them on again.
 *
 * An MQTT error is the exception, because after a failed subscription the client stays connected
 * and reconnects until Stop ends it. Resume stays on while paused, so that a view frozen before
 * the source ended can show the rest.
 *
 * A replay (`replaying`) has Play and Pause of its own in the replay bar, which stop and resume
 * what it sends. Pause here freezes the view while records go on arriving, so next to those it
 * would be a second Pause that does something else: it is not offered.
 */
export function sourceControls(
	running: boolean,
	kind: SourceKind | null,
	status: SourceStatus,
	paused: boolean,
	replaying = false
): SourceControls {
	const ended = status === 'done' || (status === 'error' && kind !== 'mqtt');
	const acting = running && !ended;
	return { pause: !replaying && (acting || (running && paused)), stop: acting };
}
