import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseJsonLine } from '../../../src/lib/ingest/json-line';
import { BatchBuilder } from '../../../src/lib/mapping/batch-builder';
import { toNumber } from '../../../src/lib/mapping/coerce-number';
import { toTimestamp } from '../../../src/lib/mapping/coerce-time';
import { formatPath, getPath, parsePath } from '../../../src/lib/mapping/field-path';
import { inferMapping } from '../../../src/lib/mapping/infer-mapping';
import { fuzzRuns } from '../helpers/fuzz-runs';

/** Text a stream might carry: any code points, JSON, and JSON cut short. */
const lineArbitrary = fc.oneof(
	fc.string({ unit: 'binary' }),
	fc.json(),
	fc.json().chain((json) => fc.nat(json.length).map((end) => json.slice(0, end)))
);

/** Values JSON.parse can return, including objects with a `__proto__` own key. */
const parsedArbitrary = fc.oneof(
	fc.jsonValue(),
	fc.json().map((json) => JSON.parse(json) as unknown),
	fc.jsonValue().map((value) => JSON.parse(`{"__proto__":${JSON.stringify(value)}}`) as unknown)
);

const unitArbitrary = fc.constantFrom(
	undefined,
	's' as const,
	'ms' as const,
	'us' as const,
	'ns' as const
);

test('parseJsonLine returns a result for any line', () => {
	fc.assert(
		fc.property(lineArbitrary, fc.integer({ min: 1 }), (line, lineNumber) => {
			const result = parseJsonLine(line, lineNumber);
			expect(['record', 'records', 'blank', 'error']).toContain(result.kind);
			if (result.kind === 'error') {
				expect(result.error.line).toBe(lineNumber);
				expect(result.error.message).toMatch(/^(invalid JSON|expected a JSON object)/);
			}
		}),
		{ numRuns: fuzzRuns() }
	);
});

test('toNumber returns a finite number or NaN', () => {
	fc.assert(
		fc.property(fc.oneof(fc.anything(), fc.string(), fc.double(), fc.bigInt()), (value) => {
			const number = toNumber(value);
			expect(Number.isNaN(number) || Number.isFinite(number)).toBe(true);
		}),
		{ numRuns: fuzzRuns() }
	);
});

test('toTimestamp returns a Date-range time or NaN', () => {
	fc.assert(
		fc.property(
			fc.oneof(fc.anything(), fc.string(), fc.double(), fc.bigInt(), fc.date().map(String)),
			unitArbitrary,
			(value, unit) => {
				const time = toTimestamp(value, unit);
				expect(Number.isNaN(time) || Math.abs(time) <= 8.64e15).toBe(true);
			}
		),
		{ numRuns: fuzzRuns() }
	);
});

test('parsePath reads back what formatPath writes', () => {
	fc.assert(
		fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (path) => {
			expect(parsePath(formatPath(path))).toEqual(path);
		}),
		{ numRuns: fuzzRuns() }
	);
});

test('getPath never reads the prototype chain', () => {
	fc.assert(
		fc.property(
			parsedArbitrary,
			fc.array(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString')), {
				maxLength: 4
			}),
			(record, path) => {
				const value = getPath(record, parsePath(path.join('.')));
				expect(typeof value).not.toBe('function');
			}
		),
		{ numRuns: fuzzRuns() }
	);
});

test('inferMapping and BatchBuilder accept any parsed values', () => {
	fc.assert(
		fc.property(fc.array(parsedArbitrary, { maxLength: 25 }), (records) => {
			const mapping = inferMapping(records);
			const builder = new BatchBuilder(mapping, 1);
			let accepted = 0;
			records.forEach((record, i) => {
				const rejected = builder.add(record, i + 1, 1_700_000_000_000);
				if (rejected === null) accepted++;
				else {
					expect(rejected.line).toBe(i + 1);
					expect(rejected.message.length).toBeGreaterThan(0);
				}
			});
			const batch = builder.take();
			expect(batch?.count ?? 0).toBe(accepted);
			if (batch !== null) {
				expect(batch.values).toHaveLength(mapping.values.length);
				expect(batch.time.every((t) => Number.isFinite(t))).toBe(true);
			}
		}),
		{ numRuns: fuzzRuns() }
	);
});
