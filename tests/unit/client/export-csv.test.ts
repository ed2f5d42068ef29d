import { describe, expect, it } from 'vitest';
import { rangeToCsv } from '../../../src/lib/client/export-csv';

describe('rangeToCsv', () => {
	it('rangeToCsv writes header and rows', () => {
		const csv = rangeToCsv({
			series: ['value', 'metadata.temp'],
			time: Float64Array.from([0, 1500]),
			values: [Float64Array.from([1.5, NaN]), Float64Array.from([-2, 3])]
		});
		expect(csv).toBe(
			'timestamp,value,metadata.temp\n' +
				'1970-01-01T00:00:00.000Z,1.5,-2\n' +
				'1970-01-01T00:00:01.500Z,,3\n'
		);
	});

	it('rangeToCsv quotes names with commas', () => {
		const csv = rangeToCsv({ series: ['a,"b"'], time: new Float64Array(), values: [] });
		expect(csv).toBe('timestamp,"a,""b"""\n');
	});
});
