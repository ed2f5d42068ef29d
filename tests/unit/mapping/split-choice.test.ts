import { expect, test } from 'vitest';
import { splitChoice } from '../../../src/lib/mapping/split-choice';

test('splitChoice makes the split field the category and no value', () => {
	const mapping = {
		time: ['ts'],
		values: [['v'], ['reading', 'device']],
		category: ['series']
	};
	expect(splitChoice(mapping, ['reading', 'device'])).toEqual({
		split: ['reading', 'device'],
		category: ['reading', 'device'],
		values: [['v']]
	});
	expect(splitChoice(mapping, ['series']).values).toEqual([['v'], ['reading', 'device']]);
});
