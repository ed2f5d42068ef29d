import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChunkBuilder, chunkBytes, type StoredChunk } from '../../../src/lib/history/chunk';
import { lockName } from '../../../src/lib/history/lock-name';
import { SessionTrack } from '../../../src/lib/history/session-track';
import type { SessionInfo } from '../../../src/lib/protocol';
import { makeBatch } from './fixtures';

// The real chunkBytes, wrapped so that a test can count the chunks it reads.
vi.mock('../../../src/lib/history/chunk', async (importOriginal) => {
	const chunk = await importOriginal<typeof import('../../../src/lib/history/chunk')>();
	return { ...chunk, chunkBytes: vi.fn(chunk.chunkBytes) };
});

const names = ['red', 'green', 'blue'];

function newTrack(): SessionTrack {
	const info: SessionInfo = {
		id: 'session-1',
		name: 'data',
		source: 'file',
		label: 'data.jsonl',
		settings: null,
		series: ['a', 'b'],
		mapping: null,
		start: NaN,
		end: NaN,
		createdAt: 0,
		recordCount: 0,
		bytes: 0,
		state: 'recording'
	};
	return new SessionTrack(info, new ChunkBuilder(info.id, 2, 0, 100));
}

function bytesOf(chunks: StoredChunk[]): number {
	return chunks.reduce((sum, chunk) => sum + chunkBytes(chunk), 0);
}

describe('SessionTrack', () => {
	beforeEach(() => {
		vi.mocked(chunkBytes).mockClear();
	});

	it('unsavedBytes follows take, restore and trim', () => {
		const track = newTrack();
		track.append(makeBatch(0, 450, names));
		const pending = track.take()!;
		const sealed = pending.chunks.slice(0, pending.sealedCount);

		expect(pending.sealedCount).toBe(4);
		expect(track.unsavedBytes).toBe(0);

		track.restore(pending);
		expect(track.unsavedBytes).toBe(bytesOf(sealed));

		track.append(makeBatch(450, 200));
		expect(track.unsavedChunks).toBe(6);
		track.trimUnsaved(2);
		const trimmed = track.take()!;
		expect(trimmed.sealedCount).toBe(2);
		track.restore(trimmed);
		expect(track.unsavedBytes).toBe(bytesOf(trimmed.chunks.slice(0, trimmed.sealedCount)));
	});

	it('unsavedBytes reads no chunk', () => {
		// The recorder reads it for every batch of a file, with up to deferBytes of chunks waiting.
		const track = newTrack();
		track.append(makeBatch(0, 1000, names));
		vi.mocked(chunkBytes).mockClear();

		for (let read = 0; read < 100; read++) expect(track.unsavedBytes).toBeGreaterThan(0);
		expect(chunkBytes).not.toHaveBeenCalled();
	});

	describe('lock', () => {
		/** Names of the locks held now, and of every lock granted so far. */
		let heldNames: Set<string>;
		let grantedNames: Set<string>;

		beforeEach(() => {
			heldNames = new Set();
			grantedNames = new Set();
			// Grants each lock in a later task, as a browser does, and holds it until the callback's
			// promise settles.
			const locks = {
				request(name: string, callback: () => unknown): Promise<void> {
					return new Promise((resolve) => {
						setTimeout(async () => {
							heldNames.add(name);
							grantedNames.add(name);
							await callback();
							heldNames.delete(name);
							resolve();
						});
					});
				}
			};
			vi.stubGlobal('navigator', { locks });
		});

		afterEach(() => {
			vi.unstubAllGlobals();
		});

		it('finish releases the session lock', async () => {
			const track = newTrack();
			await vi.waitFor(() => expect(heldNames.has(lockName('session-1'))).toBe(true));

			track.finish();
			await vi.waitFor(() => expect(heldNames.size).toBe(0));
		});

		it('finish before the grant releases the lock', async () => {
			// A small file is read to its end before the browser grants the lock.
			const track = newTrack();
			track.append(makeBatch(0, 5, names));
			track.finish();
			expect(grantedNames.size).toBe(0);

			await vi.waitFor(() => expect(grantedNames.has(lockName('session-1'))).toBe(true));
			await vi.waitFor(() => expect(heldNames.size).toBe(0));
		});
	});
});
