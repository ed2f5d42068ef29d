import fc from 'fast-check';
import { expect, test } from 'vitest';
import { JsonByteReader } from '../../../src/lib/ingest/json-byte-reader';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { parseJsonLossless } from '../../../src/lib/ingest/lossless-json';
import { fuzzRuns } from '../helpers/fuzz-runs';

/** What the reader reported, in order, each with its line. */
type Event =
	| { kind: 'record'; line: number; value: unknown }
	| { kind: 'error'; line: number; message: string }
	| { kind: 'warning'; line: number; message: string };

const recordArbitrary = fc
	.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { maxKeys: 4 })
	.map((record) => JSON.stringify(record));
/** An array element: a record, or an array of records, which the reader rejects. */
const elementArbitrary = fc.oneof(
	{ weight: 4, arbitrary: recordArbitrary },
	{ weight: 1, arbitrary: fc.array(recordArbitrary, { maxLength: 2 }).map((a) => `[${a}]`) }
);
/** Text between two elements: none, one or more commas, with spaces and line ends around. */
const gapArbitrary = fc
	.array(fc.constantFrom(',', ' ', '\n', '\r\n', '\t'), { maxLength: 5 })
	.map((parts) => parts.join(''));

const arrayArbitrary = fc.record({
	elements: fc.array(elementArbitrary, { maxLength: 6 }),
	gaps: fc.array(gapArbitrary, { minLength: 7, maxLength: 7 })
});

/** Cuts `bytes` at the given offsets, in any order and with repeats. */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
	const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let start = 0;
	for (const point of points) {
		chunks.push(bytes.subarray(start, point));
		start = point;
	}
	chunks.push(bytes.subarray(start));
	return chunks;
}

function readChunks(chunks: Uint8Array[]): Event[] {
	const events: Event[] = [];
	const reader = new JsonByteReader({
		value(text, line) {
			const result = parseJsonLine(text, line);
			if (result.kind === 'record') events.push({ kind: 'record', line, value: result.value });
			else if (result.kind === 'error') {
				events.push({ kind: 'error', line, message: result.error.message });
			} else throw new Error(`unexpected ${result.kind} for ${text}`);
		},
		broken: (_text, line, message) => events.push({ kind: 'error', line, message }),
		warning: (line, message) => events.push({ kind: 'warning', line, message })
	});
	for (const chunk of chunks) reader.push(chunk);
	reader.end();
	return events;
}

/**
 * Builds `[`, gap, element, gap, element, …, gap, `]` and the events a reader must give for it,
 * worked out from the pieces. Every comma after the first in a gap is extra, and so is every
 * comma before the first element or after the last. A gap with no comma between two elements is
 * a missing comma. The first comma after the last element is reported when `]` comes.
 */
function buildArray(elements: string[], gaps: string[]): { text: string; events: Event[] } {
	const events: Event[] = [];
	let text = '[';
	let line = 1;
	const last = elements.length;
	let trailing: Event | null = null;

	const addGap = (gap: string, after: number) => {
		let commas = 0;
		for (let i = 0; i < gap.length; i++) {
			const c = gap[i];
			if (c === '\n') line++;
			if (c !== ',') continue;
			commas++;
			if (after === 0) {
				events.push({
					kind: 'warning',
					line,
					message: 'extra comma before the first array element'
				});
			} else if (commas > 1) {
				events.push({ kind: 'warning', line, message: `extra comma after array element ${after}` });
			} else if (after === last) {
				const message = `extra comma after array element ${after}, the last one`;
				trailing = { kind: 'warning', line, message };
			}
		}
		return commas;
	};

	elements.forEach((element, index) => {
		const commas = addGap(gaps[index], index);
		text += gaps[index];
		if (index > 0 && commas === 0) {
			const message = `missing comma between array elements ${index} and ${index + 1}`;
			events.push({ kind: 'warning', line, message });
		}
		if (element.startsWith('[')) {
			events.push({ kind: 'error', line, message: 'expected a JSON object, got array' });
		} else events.push({ kind: 'record', line, value: parseJsonLossless(element) });
		text += element;
	});
	addGap(gaps[last], last);
	text += gaps[last] + ']';
	if (trailing !== null) events.push(trailing);
	return { text, events };
}

test('array comma faults are each reported once', () => {
	fc.assert(
		fc.property(arrayArbitrary, fc.array(fc.nat(), { maxLength: 10 }), (array, offsets) => {
			const { text, events } = buildArray(array.elements, array.gaps);
			const bytes = new TextEncoder().encode(text);

			expect(readChunks(cut(bytes, offsets))).toEqual(events);
		}),
		{ numRuns: fuzzRuns() }
	);
});

test('JSON Lines get no array warnings', () => {
	fc.assert(
		fc.property(
			fc.array(recordArbitrary, { maxLength: 8 }),
			fc.array(fc.nat(), { maxLength: 10 }),
			(records, offsets) => {
				const bytes = new TextEncoder().encode(records.map((r) => r + '\n').join(''));
				const events = readChunks(cut(bytes, offsets));

				expect(events).toEqual(
					records.map((r, i) => ({ kind: 'record', line: i + 1, value: parseJsonLossless(r) }))
				);
			}
		),
		{ numRuns: fuzzRuns() }
	);
});
