import { describe, expect, it } from 'vitest';
import { ReceiptPacer, type RecordingBacklog } from '../../../src/lib/analysis/receipt-pacer';

/** A recorder whose backlog the test sets, and whose writes end when the test calls `finishWrite`. */
function fakeRecorder() {
	const waiters: (() => void)[] = [];
	const recorder: RecordingBacklog & { backlogFull: boolean; finishWrite(): Promise<void> } = {
		backlogFull: false,
		afterWrite: () => new Promise<void>((resolve) => waiters.push(resolve)),
		async finishWrite() {
			for (const resolve of waiters.splice(0)) resolve();
			await Promise.resolve();
		}
	};
	return recorder;
}

describe('ReceiptPacer', () => {
	it('ReceiptPacer sends at once while the recorder keeps up', () => {
		const recorder = fakeRecorder();
		const sent: number[] = [];
		const pacer = new ReceiptPacer(recorder, (batches) => sent.push(batches));
		pacer.handled();
		pacer.handled();
		pacer.handled();

		expect(sent).toEqual([1, 2, 3]);
	});

	it('ReceiptPacer waits while the backlog is full', async () => {
		const recorder = fakeRecorder();
		const sent: number[] = [];
		const pacer = new ReceiptPacer(recorder, (batches) => sent.push(batches));
		recorder.backlogFull = true;
		pacer.handled();
		pacer.handled();
		pacer.handled();
		expect(sent).toEqual([]);

		recorder.backlogFull = false;
		await recorder.finishWrite();
		// One receipt with the latest count, not one per batch.
		expect(sent).toEqual([3]);
		pacer.handled();
		expect(sent).toEqual([3, 4]);
	});

	it('ReceiptPacer sends after a write that left a backlog', async () => {
		const recorder = fakeRecorder();
		const sent: number[] = [];
		const pacer = new ReceiptPacer(recorder, (batches) => sent.push(batches));
		recorder.backlogFull = true;
		pacer.handled();
		// A failed write keeps its chunks; the receipt still goes, so reading never stalls.
		await recorder.finishWrite();
		expect(sent).toEqual([1]);
	});
});
