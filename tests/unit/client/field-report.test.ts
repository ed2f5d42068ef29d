import { describe, expect, it } from 'vitest';
import { sameFieldReport } from '../../../src/lib/client/field-report';
import type { FieldReport } from '../../../src/lib/protocol';

function report(samples: string[], values: string[][] = [['value']]): FieldReport {
	return {
		fields: [{ path: ['value'], type: 'number', samples }],
		mapping: { time: ['ts'], values, category: null }
	};
}

describe('sameFieldReport', () => {
	it('sameFieldReport equal reports match', () => {
		expect(sameFieldReport(report(['1', '2']), report(['1', '2']))).toBe(true);
		expect(sameFieldReport(null, null)).toBe(true);
	});

	it('sameFieldReport changed reports differ', () => {
		expect(sameFieldReport(report(['1']), report(['1', '2']))).toBe(false);
		expect(sameFieldReport(report(['1']), report(['1'], [['other']]))).toBe(false);
		expect(sameFieldReport(null, report([]))).toBe(false);
	});
});
