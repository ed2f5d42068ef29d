import { describe, expect, it } from 'vitest';
import { readUrlConfig } from '../../../src/lib/client/url-config';

function read(query: string) {
	return readUrlConfig(new URLSearchParams(query));
}

describe('readUrlConfig capacity', () => {
	it('readUrlConfig reads capacity', () => {
		const { config, problems } = read('capacity=1000000');
		expect(config.capacity).toBe(1_000_000);
		expect(problems).toEqual([]);
	});

	it('readUrlConfig leaves capacity null by default', () => {
		expect(read('').config.capacity).toBeNull();
	});

	it.each(['0', '999', '2.5', 'lots', '', '20000001'])(
		'readUrlConfig rejects capacity=%s',
		(value) => {
			const { config, problems } = read(`capacity=${value}`);
			expect(config.capacity).toBeNull();
			expect(problems).toHaveLength(1);
			expect(problems[0].param).toBe('capacity');
			expect(problems[0].message).toContain(`invalid capacity "${value}"`);
			expect(problems[0].message).toContain('from 1000 to 20000000');
		}
	);
});
