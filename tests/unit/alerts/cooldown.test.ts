import { describe, expect, it } from 'vitest';
import {
	INITIAL_FIRING_STATE,
	stepFiring,
	type FiringState
} from '../../../src/lib/alerts/cooldown';
import type { Condition } from '../../../src/lib/alerts/rule-condition';

const MET: Condition = { met: true, cleared: false, value: 1, recordTime: null };
const CLEAR: Condition = { met: false, cleared: true, value: 0, recordTime: null };
const CROSSED_BACK: Condition = { met: true, cleared: true, value: 1, recordTime: null };
const UNKNOWN: Condition = { met: false, cleared: false, value: NaN, recordTime: null };

/** Runs conditions at the given times with a cooldown and returns the times that fired. */
function firings(steps: [number, Condition][], cooldownMs: number): number[] {
	let state: FiringState = INITIAL_FIRING_STATE;
	const fired: number[] = [];
	for (const [now, condition] of steps) {
		const step = stepFiring(state, condition, cooldownMs, now);
		state = step.state;
		if (step.fire) fired.push(now);
	}
	return fired;
}

describe('stepFiring', () => {
	it('stepFiring fires on the first met condition', () => {
		expect(firings([[0, MET]], 10_000)).toEqual([0]);
	});

	it('stepFiring fires once while the condition holds', () => {
		const steps: [number, Condition][] = [
			[0, MET],
			[20_000, MET],
			[40_000, MET]
		];
		expect(firings(steps, 10_000)).toEqual([0]);
	});

	it('stepFiring fires again after clear and cooldown', () => {
		const steps: [number, Condition][] = [
			[0, MET],
			[5_000, CLEAR],
			[12_000, MET]
		];
		expect(firings(steps, 10_000)).toEqual([0, 12_000]);
	});

	it('stepFiring holds a re-met condition until the cooldown ends', () => {
		const steps: [number, Condition][] = [
			[0, MET],
			[1_000, CLEAR],
			[2_000, MET],
			[9_999, MET],
			[10_000, MET],
			[11_000, MET]
		];
		expect(firings(steps, 10_000)).toEqual([0, 10_000]);
	});

	it('stepFiring drops a re-met condition that clears within the cooldown', () => {
		const steps: [number, Condition][] = [
			[0, MET],
			[1_000, CLEAR],
			[2_000, MET],
			[3_000, CLEAR],
			[12_000, CLEAR]
		];
		expect(firings(steps, 10_000)).toEqual([0]);
	});

	it('stepFiring re-arms on a crossing that came back', () => {
		const steps: [number, Condition][] = [
			[0, CROSSED_BACK],
			[500, CROSSED_BACK],
			[1_000, CROSSED_BACK],
			[1_500, CROSSED_BACK]
		];
		expect(firings(steps, 1_000)).toEqual([0, 1_000]);
		expect(firings(steps, 0)).toEqual([0, 500, 1_000, 1_500]);
	});

	it('stepFiring keeps its state on unknown conditions', () => {
		const steps: [number, Condition][] = [
			[0, MET],
			[5_000, UNKNOWN],
			[20_000, MET]
		];
		expect(firings(steps, 1_000)).toEqual([0]);
	});
});
