import { describe, expect, it } from 'vitest';
import {
	chartsNoMeasurement,
	countAdvice,
	countChoice
} from '../../../src/lib/client/count-advice';
import type { FieldMapping } from '../../../src/lib/protocol';

const mapping = (values: string[][], extra: Partial<FieldMapping> = {}): FieldMapping => ({
	time: ['created_at'],
	values,
	category: ['type'],
	...extra
});

describe('count advice', () => {
	const ids = mapping([
		['payload', 'issue', 'number'],
		['payload', 'number']
	]);

	it('flags fields named as identifiers', () => {
		expect(chartsNoMeasurement(ids)).toBe(true);
		expect(countAdvice(ids)).toBe(
			'The fields charted (payload.issue.number, payload.number) look like identifiers, not ' +
				'measurements. Count records charts how many records arrive in their place, overall or ' +
				'per split line.'
		);
	});

	it('flags a mapping without value fields', () => {
		expect(countAdvice(mapping([]))).toBe(
			'No numeric field to chart was found. Count records charts how many records arrive, ' +
				'overall or per split line.'
		);
	});

	it('gives no advice for a measurement', () => {
		expect(countAdvice(mapping([['payload', 'issue', 'number'], ['temp']]))).toBeNull();
	});

	it('gives no advice once counting', () => {
		expect(
			countAdvice(mapping([], { count: { windowMs: 60_000, name: 'records per 1m' } }))
		).toBeNull();
	});

	it('gives no advice with a derived field', () => {
		const derived = [{ name: 'size', expression: 'payload.size * 2' }];
		expect(countAdvice(mapping([['id']], { derived }))).toBeNull();
	});

	it('count replaces identifier fields', () => {
		expect(countChoice(ids, 60_000)).toEqual({ countWindowMs: 60_000, values: [] });
	});

	it('count keeps measured fields', () => {
		expect(countChoice(mapping([['temp']]), 10_000)).toEqual({ countWindowMs: 10_000 });
	});

	it('stopping the count keeps the fields', () => {
		expect(countChoice(ids, undefined)).toEqual({ countWindowMs: undefined });
	});
});
