import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChunkBuilder, chunkBytes, type StoredChunk } from '../../../src/lib/history/chunk';
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
});
