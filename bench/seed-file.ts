import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Mulberry32, the seeded generator of bench/page/bench-page.js, so that a file written here
 * contains the same records as the Blob that `seedFormatFile` builds in the page.
 */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const categories = ['A', 'B', 'C', 'D', 'E'];
const locations = ['building_a', 'building_b', 'building_c'];
/** 2024-01-01T00:00:00 in epoch seconds; times carry no zone, as in the seed format. */
const startSeconds = 1704067200;
const linesPerPart = 10_000;

/**
 * Writes a seed-format JSON Lines file of at least `targetBytes` to `path`, one record per
 * second, in parts of 10,000 lines so that the whole file is never held in memory. Returns its
 * size and record count.
 */
export async function writeSeedFormatFile(
	path: string,
	targetBytes: number
): Promise<{ bytes: number; records: number }> {
	const random = seededRandom(42);
	const out = createWriteStream(path);
	let bytes = 0;
	let records = 0;
	while (bytes < targetBytes) {
		const lines: string[] = [];
		for (let k = 0; k < linesPerPart; k++, records++) {
			const timestamp = new Date((startSeconds + records) * 1000).toISOString().slice(0, 19);
			const signal = 50 + 10 * Math.sin(records / 500) + (random() - 0.5) * 4;
			const value = Math.round(signal * 100) / 100;
			const anomalous = random() < 0.01;
			lines.push(
				JSON.stringify({
					timestamp,
					value: anomalous ? value + 40 : value,
					category: categories[records % categories.length],
					status: anomalous ? 'anomaly' : 'normal',
					metadata: {
						source: `sensor_${records % 7}`,
						location: locations[records % locations.length]
					}
				})
			);
		}
		const text = lines.join('\n') + '\n';
		// Every character is ASCII, so the string length is the byte length.
		bytes += text.length;
		if (!out.write(text)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return { bytes, records };
}
