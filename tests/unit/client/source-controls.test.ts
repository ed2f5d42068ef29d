import { describe, expect, it } from 'vitest';
import { sourceControls } from '../../../src/lib/client/source-controls';
import type { SourceKind, SourceStatus } from '../../../src/lib/protocol';

describe('sourceControls', () => {
	it('sourceControls offers Pause and Stop while a source runs', () => {
		const running: [SourceKind, SourceStatus][] = [
			['simulator', 'live'],
			['websocket', 'connecting'],
			['websocket', 'live'],
			['websocket', 'reconnecting'],
			['file', 'live'],
			['mqtt', 'reconnecting'],
			['sse', 'idle']
		];
		for (const [kind, status] of running) {
			expect(sourceControls(true, kind, status, false), `${kind} ${status}`).toEqual({
				pause: true,
				stop: true
			});
		}
	});

	it('sourceControls offers nothing before a start', () => {
		expect(sourceControls(false, null, 'idle', false)).toEqual({ pause: false, stop: false });
		expect(sourceControls(false, 'file', 'done', false)).toEqual({ pause: false, stop: false });
	});

	it('sourceControls offers nothing once a source ended', () => {
		const ended: [SourceKind | null, SourceStatus][] = [
			['file', 'done'],
			['file', 'error'],
			['websocket', 'done'],
			['websocket', 'error'],
			['http', 'done'],
			['sse', 'done'],
			['mqtt', 'done'],
			[null, 'done']
		];
		for (const [kind, status] of ended) {
			expect(sourceControls(true, kind, status, false), `${kind} ${status}`).toEqual({
				pause: false,
				stop: false
			});
		}
	});

	it('sourceControls keeps Resume after the end', () => {
		expect(sourceControls(true, 'file', 'done', true)).toEqual({ pause: true, stop: false });
	});

	it('sourceControls keeps Stop after an MQTT error', () => {
		// A failed subscription leaves the client connected until it is stopped.
		expect(sourceControls(true, 'mqtt', 'error', false)).toEqual({ pause: true, stop: true });
	});

	it('sourceControls leaves Pause to the replay bar', () => {
		expect(sourceControls(true, null, 'live', false, true)).toEqual({ pause: false, stop: true });
		expect(sourceControls(true, null, 'paused', false, true)).toEqual({ pause: false, stop: true });
		expect(sourceControls(true, null, 'done', false, true)).toEqual({ pause: false, stop: false });
	});
});
