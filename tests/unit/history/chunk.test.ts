import { describe, expect, test } from 'vitest';
import { ChunkBuilder, chunkBytes } from '../../../src/lib/history/chunk';
import { makeBatch } from './fixtures';

const names = ['red', 'green', 'blue'];

describe('ChunkBuilder', () => {
	test('append seals chunks at capacity', () => {
		const builder = new ChunkBuilder('s', 2, 0, 100);
		const sealed = builder.append(makeBatch(0, 250, names));

		expect(sealed.map((c) => c.seq)).toEqual([0, 1]);
		expect(sealed.map((c) => c.count)).toEqual([100, 100]);
		expect(builder.openCount).toBe(50);
		expect(builder.openSeq).toBe(2);
	});

	test('chunk columns hold the records in order', () => {
		const builder = new ChunkBuilder('s', 2, 0, 100);
		const [first, second] = builder.append(makeBatch(0, 200, names));

		expect(first.time[0]).toBe(1000);
		expect(second.time[0]).toBe(1000 + 10 * 100);
		expect(second.values[0][5]).toBe(105 / 2);
		expect(Number.isNaN(first.values[1][7])).toBe(true);
		expect(first.values[1][8]).toBe(16);
		expect(first.minTime).toBe(1000);
		expect(first.maxTime).toBe(1000 + 990);
	});

	test('each chunk has its own category dictionary', () => {
		const builder = new ChunkBuilder('s', 2, 0, 10);
		const [first, second] = builder.append(makeBatch(0, 20, names));

		// Record 0 is red, 1 green, 2 blue, 4 none.
		expect(first.categories).toEqual(['red', 'green', 'blue']);
		expect(first.category[4]).toBe(-1);
		expect(first.categories[first.category[1]]).toBe('green');
		// Record 11 (index 1 of chunk 2) has category 11 % 3 = 2, blue.
		expect(second.categories[second.category[1]]).toBe('blue');
		expect(second.categories[second.category[0]]).toBe('green');
	});

	test('dictionary grows across batches', () => {
		const builder = new ChunkBuilder('s', 2, 0, 100);
		builder.append(makeBatch(0, 2, ['red', 'green'], 2));
		builder.append(makeBatch(2, 3, ['blue'], 3));
		const chunk = builder.snapshot();

		expect(chunk?.count).toBe(5);
		const labels = Array.from(chunk!.category, (c) => (c < 0 ? null : chunk!.categories[c]));
		expect(labels).toEqual(['red', 'green', 'blue', 'red', null]);
	});

	test('snapshot copies the open chunk', () => {
		const builder = new ChunkBuilder('s', 2, 3, 100);
		builder.append(makeBatch(0, 5, names));
		const before = builder.snapshot();
		builder.append(makeBatch(5, 5));

		expect(before?.seq).toBe(3);
		expect(before?.count).toBe(5);
		expect(before?.time.length).toBe(5);
		expect(builder.snapshot()?.count).toBe(10);
	});

	test('snapshot of an empty builder is null', () => {
		expect(new ChunkBuilder('s', 1).snapshot()).toBeNull();
	});

	test('short category column means no category', () => {
		const builder = new ChunkBuilder('s', 2, 0, 100);
		const batch = { ...makeBatch(0, 4), category: new Int32Array(0) };
		builder.append(batch);

		expect(Array.from(builder.snapshot()!.category)).toEqual([-1, -1, -1, -1]);
	});

	test('append rejects a batch with other series', () => {
		const builder = new ChunkBuilder('s', 3);
		expect(() => builder.append(makeBatch(0, 1))).toThrow(
			'batch has 2 value columns but the session has 3'
		);
	});

	test('chunkBytes counts columns and dictionary', () => {
		const builder = new ChunkBuilder('s', 2, 0, 100);
		builder.append(makeBatch(0, 10, names));
		// 10 times and 2 × 10 values at 8 bytes, 10 categories at 4, 12 characters at 2.
		expect(chunkBytes(builder.snapshot()!)).toBe(80 + 160 + 40 + 24);
	});
});
