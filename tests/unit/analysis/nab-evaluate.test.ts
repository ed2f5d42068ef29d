import { describe, expect, it } from 'vitest';
import { type NabFileScores, nestedLeaveOneOut } from '../../../src/lib/analysis/nab-evaluate';
import { NAB_PROFILES, nabLayout } from '../../../src/lib/analysis/nab-score';
import { expectClose } from '../helpers/close';

// Three 40-record files, each with one window over records 20 to 29 and probation of 6.
const time = Float64Array.from({ length: 40 }, (_, i) => 1_000 * i);
const layout = nabLayout(time, [[20_000, 29_000]]);

function files(detectionPerFile: number[]): NabFileScores[] {
	return detectionPerFile.map((index, k) => {
		const score = new Float64Array(40);
		score[index] = 1;
		return { name: `file${k}`, layout, score };
	});
}

describe('nestedLeaveOneOut', () => {
	it('nestedLeaveOneOut chooses without the held-out file', () => {
		// "late" detects every window at record 22. "early" detects the first two at record 20,
		// the best credit, but the third file only with a false positive at record 10.
		const candidates = [
			{ name: 'late', files: files([22, 22, 22]) },
			{ name: 'early', files: files([20, 20, 10]) }
		];
		const result = nestedLeaveOneOut(candidates, NAB_PROFILES.standard);

		const chosen = result.choices.map((choice) => choice.candidate);
		expect(chosen).toEqual(['late', 'late', 'early']);
		// Files 0 and 1 earn the credit of record 22, and file 2 pays a false positive and a miss.
		const raw = 2 * layout.credit[22] - 0.11 - 1;
		expectClose(result.score, (100 * (raw + 3)) / 6);
	});

	it('nestedLeaveOneOut averages tied candidates', () => {
		// Both candidates detect the first two files' windows at record 22, so they tie whenever the
		// third file is held out. There "steady" detects at record 22 and "erratic" only at record 10.
		const candidates = [
			{ name: 'steady', files: files([22, 22, 22]) },
			{ name: 'erratic', files: files([22, 22, 10]) }
		];
		const result = nestedLeaveOneOut(candidates, NAB_PROFILES.standard);

		expect(result.choices.map((choice) => choice.tied)).toEqual([1, 1, 2]);
		expect(result.choices[2].candidate).toBe('steady');
		const thirdFile = (layout.credit[22] + (-0.11 - 1)) / 2;
		expectClose(result.score, (100 * (2 * layout.credit[22] + thirdFile + 3)) / 6);
		// Reversed, the first tied candidate changes but the score does not.
		const reversed = nestedLeaveOneOut([...candidates].reverse(), NAB_PROFILES.standard);
		expect(reversed.choices[2].candidate).toBe('erratic');
		expectClose(reversed.score, result.score);
	});
});
