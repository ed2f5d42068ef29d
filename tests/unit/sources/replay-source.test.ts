import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ChunkBuilder } from '../../../src/lib/history/chunk';
import { openHistoryDb } from '../../../src/lib/history/schema';
import type { SessionInfo, SourceMessage } from '../../../src/lib/protocol';
import { ReplaySource } from '../../../src/lib/sources/replay-source';
import { freshIndexedDb, makeBatch } from '../history/fixtures';

const session: SessionInfo = {
	id: 's1',
	name: 'Tank 4',
	source: 'websocket',
	label: 'ws://127.0.0.1:1',
	settings: null,
	series: ['a', 'b'],
	mapping: null,
	start: 1000,
	end: 1000 + 10 * 249,
	createdAt: 1,
	recordCount: 250,
	bytes: 0,
	state: 'complete'
};

let channel: MessageChannel;

beforeEach(async () => {
	freshIndexedDb();
	const db = await openHistoryDb();
	const builder = new ChunkBuilder('s1', 2, 0, 100);
	const chunks = builder.append(makeBatch(0, 250, ['red', 'green', 'blue']));
	chunks.push(builder.snapshot()!);
	const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
	await Promise.all([
		...chunks.map((chunk) => tx.objectStore('chunks').put(chunk)),
		tx.objectStore('sessions').put(session),
		tx.done
	]);
	db.close();
	channel = new MessageChannel();
});

afterEach(() => {
	channel.port1.close();
	channel.port2.close();
});

/** Collects what the source posts until it reports `done`. */
function collect(): Promise<SourceMessage[]> {
	const messages: SourceMessage[] = [];
	return new Promise((resolve) => {
		channel.port2.onmessage = (event: MessageEvent<SourceMessage>) => {
			messages.push(event.data);
			if (event.data.kind === 'status' && event.data.status === 'done') resolve(messages);
		};
	});
}

describe('ReplaySource', () => {
	test('full speed sends every record in order', async () => {
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const received = collect();
		await replay.start({ sessionId: 's1', speed: Infinity });
		const messages = await received;

		const reset = messages.find((m) => m.kind === 'reset');
		expect(reset).toMatchObject({ series: ['a', 'b'], replay: true, label: 'Replay of Tank 4' });
		const batches = messages.flatMap((m) => (m.kind === 'batch' ? [m.batch] : []));
		const names = batches.flatMap((b) => b.newCategories);
		const times = batches.flatMap((b) => Array.from(b.time));
		const labels = batches.flatMap((b) => Array.from(b.category, (c) => (c < 0 ? null : names[c])));
		expect(times).toEqual(Array.from({ length: 250 }, (_, i) => 1000 + 10 * i));
		expect(labels.slice(0, 5)).toEqual(['red', 'green', 'blue', 'red', null]);
		expect(labels[101]).toBe('blue');
		expect(replay.position()?.at).toBe(session.end);
	});

	test('start from a time sends lead-in', async () => {
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const received = collect();
		const from = 1000 + 10 * 150;
		await replay.start({ sessionId: 's1', speed: Infinity, from });
		const batches = (await received).flatMap((m) => (m.kind === 'batch' ? [m.batch] : []));
		const names = batches.flatMap((b) => b.newCategories);
		const labels = batches.flatMap((b) => Array.from(b.category, (c) => (c < 0 ? null : names[c])));

		// Records 0 to 149 come at once before `from`, then 150 to 249 from it: each once.
		expect(batches.flatMap((b) => Array.from(b.time))).toEqual(
			Array.from({ length: 250 }, (_, i) => 1000 + 10 * i)
		);
		expect(labels.slice(0, 5)).toEqual(['red', 'green', 'blue', 'red', null]);
		// One dictionary spans the lead-in and the records after it.
		expect(labels.slice(148, 153)).toEqual(['green', null, 'red', 'green', 'blue']);
		expect(replay.position()?.at).toBe(session.end);
	});

	test('start from a time splits late records', async () => {
		// Records kept in arrival order, three of them late: 1015, 1005 and 1025.
		const times = [1000, 1010, 1020, 1015, 1030, 1005, 1040, 1025];
		const db = await openHistoryDb();
		const builder = new ChunkBuilder('late', 1, 0, 100);
		builder.append({
			count: times.length,
			time: Float64Array.from(times),
			values: [Float64Array.from(times, (time) => time / 10)],
			category: new Int32Array(times.length).fill(-1),
			newCategories: []
		});
		const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
		await Promise.all([
			tx.objectStore('chunks').put(builder.snapshot()!),
			tx.objectStore('sessions').put({
				...session,
				id: 'late',
				series: ['a'],
				start: 1000,
				end: 1040,
				recordCount: times.length
			}),
			tx.done
		]);
		db.close();

		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const received = collect();
		await replay.start({ sessionId: 'late', speed: Infinity, from: 1018 });
		const batches = (await received).flatMap((m) => (m.kind === 'batch' ? [m.batch] : []));

		// The lead-in is every record older than 1018, wherever it sits, and nothing comes twice.
		expect(batches[0].time).toEqual(Float64Array.from([1000, 1010, 1015, 1005]));
		expect(batches.flatMap((b) => Array.from(b.time))).toEqual([
			1000, 1010, 1015, 1005, 1020, 1030, 1040, 1025
		]);
		expect(batches.flatMap((b) => Array.from(b.values[0]))).toEqual([
			100, 101, 101.5, 100.5, 102, 103, 104, 102.5
		]);
		// The position is the newest record time sent, so the scrubber never moves back.
		expect(replay.position()?.at).toBe(1040);
	});

	test('play after the end replays again', async () => {
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const first = collect();
		await replay.start({ sessionId: 's1', speed: Infinity });
		await first;
		expect(replay.position()?.playing).toBe(false);

		const second = collect();
		replay.pause(false);
		const messages = await second;

		const resets = messages.filter((m) => m.kind === 'reset');
		expect(resets).toHaveLength(1);
		const batches = messages.flatMap((m) => (m.kind === 'batch' ? [m.batch] : []));
		expect(batches.reduce((sum, b) => sum + b.count, 0)).toBe(250);
		expect(batches[0].time[0]).toBe(session.start);
		expect(replay.position()?.at).toBe(session.end);
	});

	test('pause reports a paused status', async () => {
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const statuses: string[] = [];
		channel.port2.onmessage = (event: MessageEvent<SourceMessage>) => {
			if (event.data.kind === 'status') statuses.push(event.data.status);
		};
		// At 1× the 2.5 s session is still playing when it is paused.
		await replay.start({ sessionId: 's1', speed: 1 });
		replay.pause(true);
		replay.pause(false);
		replay.stop();
		await new Promise((resolve) => setTimeout(resolve, 50));

		// The start reports live, and once more after its reset message.
		expect(statuses).toEqual(['live', 'live', 'paused', 'live', 'idle']);
	});

	test('seek while paused sends lead-in', async () => {
		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const messages: SourceMessage[] = [];
		channel.port2.onmessage = (event: MessageEvent<SourceMessage>) => messages.push(event.data);
		// At 1× the 2.5 s session is still playing when it is paused.
		await replay.start({ sessionId: 's1', speed: 1 });
		replay.pause(true);
		const target = 1000 + 10 * 150;
		replay.seek(target);
		// Several ticks of the play loop, which would send records if it played.
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(replay.position()?.playing).toBe(false);
		expect(replay.position()?.at).toBe(target);
		const afterSeek = messages.slice(messages.findLastIndex((m) => m.kind === 'reset') + 1);
		const leadIn = afterSeek.flatMap((m) => (m.kind === 'batch' ? Array.from(m.batch.time) : []));
		expect(leadIn).toEqual(Array.from({ length: 150 }, (_, i) => 1000 + 10 * i));
		expect(afterSeek.filter((m) => m.kind === 'status').map((m) => m.status)).toEqual(['paused']);

		// Play then sends the records from the new position on.
		const received = collect();
		replay.setSpeed(Infinity);
		replay.pause(false);
		const batches = (await received).flatMap((m) => (m.kind === 'batch' ? [m.batch] : []));
		expect(batches[0].time[0]).toBe(target);
		expect(batches.reduce((sum, b) => sum + b.count, 0)).toBe(100);
	});

	test('seek bounds the lead-in', async () => {
		// 20,000 records in chunks of 4096: records 0 to 16,383 fill four chunks.
		const db = await openHistoryDb();
		const builder = new ChunkBuilder('long', 2, 0, 4096);
		const chunks = builder.append(makeBatch(0, 20_000));
		chunks.push(builder.snapshot()!);
		const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
		await Promise.all([
			...chunks.map((chunk) => tx.objectStore('chunks').put(chunk)),
			tx.objectStore('sessions').put({
				...session,
				id: 'long',
				end: 1000 + 10 * 19_999,
				recordCount: 20_000
			}),
			tx.done
		]);
		db.close();

		const replay = new ReplaySource();
		replay.connect(channel.port1);
		const messages: SourceMessage[] = [];
		channel.port2.onmessage = (event: MessageEvent<SourceMessage>) => messages.push(event.data);
		await replay.start({ sessionId: 'long', speed: 1 });
		replay.pause(true);
		const target = 1000 + 10 * 15_000;
		replay.seek(target);
		// The seek falls in the fourth chunk, and the three chunks back to the second contain 12,288
		// records, the first to reach LEAD_IN_RECORDS: records 4096 to 14,999 are older than it.
		const leadInTimes = () => {
			const afterSeek = messages.slice(messages.findLastIndex((m) => m.kind === 'reset') + 1);
			return afterSeek.flatMap((m) => (m.kind === 'batch' ? Array.from(m.batch.time) : []));
		};
		await vi.waitFor(() => expect(leadInTimes()).toHaveLength(15_000 - 4096), { timeout: 10_000 });
		// Paused, nothing follows the lead-in.
		await new Promise((resolve) => setTimeout(resolve, 100));
		replay.stop();
		const leadIn = leadInTimes();
		expect(leadIn).toHaveLength(15_000 - 4096);
		expect(leadIn[0]).toBe(1000 + 10 * 4096);
		expect(leadIn.at(-1)).toBe(target - 10);
		expect(replay.position()?.at).toBe(target);
	});

	test('start rejects an unknown session', async () => {
		await expect(new ReplaySource().start({ sessionId: 'nope', speed: 1 })).rejects.toThrow(
			'session nope not found in history'
		);
	});

	test('start rejects a speed above 100', async () => {
		await expect(new ReplaySource().start({ sessionId: 's1', speed: 500 })).rejects.toThrow(
			'invalid replay speed 500'
		);
	});
});
