import { expect, test } from 'vitest';
import { fullWidthEdges } from '../../../src/lib/chart/histogram-edges';

test.each<[string, number[], number[]]>([
	['cut first and last bins', [64.8, 66, 68, 70, 72, 73.1], [64, 66, 68, 70, 72, 74]],
	['full bins unchanged', [0, 2, 4, 6], [0, 2, 4, 6]],
	['two cut bins', [0.5, 1, 2.8], [-0.8, 1, 2.8]],
	['whole-number bins', [0.5, 1.5, 2.5, 3.5], [0.5, 1.5, 2.5, 3.5]],
	['one bin', [3, 3], [3, 3]],
	['no bin', [], []]
])('fullWidthEdges %s', (_name, edges, expected) => {
	const drawn = fullWidthEdges(edges);
	expect(drawn).toHaveLength(expected.length);
	drawn.forEach((edge, i) => expect(edge).toBeCloseTo(expected[i], 12));
});

test('fullWidthEdges leaves the input alone', () => {
	const edges = [1.5, 2, 3, 3.2];
	fullWidthEdges(edges);
	expect(edges).toEqual([1.5, 2, 3, 3.2]);
});
