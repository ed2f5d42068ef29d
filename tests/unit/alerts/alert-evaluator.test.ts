import { describe, expect, it } from 'vitest';
import { AlertEvaluator } from '../../../src/lib/alerts/alert-evaluator';
import type { AlertRule } from '../../../src/lib/alerts/rule';
import { AnalysisEngine } from '../../../src/lib/analysis/engine';
import type { SourceStatus } from '../../../src/lib/protocol';

const base = { enabled: true, cooldownSeconds: 0 };

/**
 * An analysis engine fed by hand, and an evaluator that reads its digests, as the page does.
 * `poll` advances the wall clock to `now` and returns the events fired.
 */
class Harness {
	readonly engine = new AnalysisEngine({ zWindow: 10, zThreshold: 3 });
	readonly evaluator = new AlertEvaluator();
	#sent = 0;

	constructor(readonly rules: AlertRule[]) {
		this.engine.handle(
			{ kind: 'reset', series: ['temp', 'load'], source: 'websocket', label: 't' },
			0
		);
		this.status('live');
	}

	status(status: SourceStatus): void {
		this.engine.handle({ kind: 'status', status }, 0);
	}

	/** Sends one record per value, with record times 1 s apart from 0 s on. */
	send(temp: number[], load: number[] = temp.map(() => 0)): void {
		const start = this.#sent;
		this.#sent += temp.length;
		this.engine.handle(
			{
				kind: 'batch',
				batch: {
					count: temp.length,
					time: Float64Array.from(temp, (_, i) => (start + i) * 1000),
					values: [Float64Array.from(temp), Float64Array.from(load)],
					category: new Int32Array(0),
					newCategories: []
				}
			},
			0
		);
	}

	poll(now: number) {
		const digest = this.engine.digest(this.evaluator.query(this.rules));
		return this.evaluator.evaluate(this.rules, digest, now);
	}
}

describe('AlertEvaluator', () => {
	it('above rule fires on the highest new value', () => {
		const h = new Harness([{ ...base, id: 'hot', series: 'temp', kind: 'above', level: 50 }]);
		h.send([40, 45]);
		expect(h.poll(0)).toEqual([]);
		h.send([49, 57, 53, 44]);
		const events = h.poll(500);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			ruleId: 'hot',
			series: 'temp',
			kind: 'above',
			rule: 'temp above 50',
			value: 57,
			time: 500
		});
		// 57 is the fourth record sent, so its record time is 3 s, not the poll's wall-clock time.
		expect(events[0].recordTime).toBe(3000);
	});

	it('above rule on a repeated max', () => {
		const h = new Harness([{ ...base, id: 'hot', series: 'temp', kind: 'above', level: 50 }]);
		h.send([60, 70, 65, 70]);
		const events = h.poll(0);
		expect(events).toHaveLength(1);
		expect(events[0].value).toBe(70);
		expect(events[0].recordTime).toBe(1000);
	});

	it('above rule ignores other series', () => {
		const h = new Harness([{ ...base, id: 'hot', series: 'temp', kind: 'above', level: 50 }]);
		h.send([10, 10], [99, 99]);
		expect(h.poll(0)).toEqual([]);
	});

	it('above rule on a missing series never fires', () => {
		const h = new Harness([{ ...base, id: 'x', series: 'pressure', kind: 'above', level: 0 }]);
		h.send([10, 10], [99, 99]);
		expect(h.poll(0)).toEqual([]);
	});

	it('above rule fires once while values stay above', () => {
		const h = new Harness([{ ...base, id: 'hot', series: 'temp', kind: 'above', level: 50 }]);
		h.send([60]);
		expect(h.poll(0)).toHaveLength(1);
		h.send([61]);
		expect(h.poll(500)).toEqual([]);
		h.send([40]);
		expect(h.poll(1000)).toEqual([]);
		h.send([62]);
		expect(h.poll(1500)).toHaveLength(1);
	});

	it('below rule fires on the lowest new value', () => {
		const h = new Harness([{ ...base, id: 'cold', series: 'load', kind: 'below', level: 5 }]);
		h.send([0, 0], [8, 7]);
		expect(h.poll(0)).toEqual([]);
		h.send([0, 0, 0], [6, 2, 9]);
		const events = h.poll(500);
		expect(events).toHaveLength(1);
		expect(events[0].value).toBe(2);
		expect(events[0].recordTime).toBe(3000);
		expect(events[0].rule).toBe('load below 5');
	});

	it('anomaly-rate rule waits for a full window', () => {
		const rule: AlertRule = {
			...base,
			id: 'noisy',
			series: 'temp',
			kind: 'anomaly-rate',
			percent: 3,
			records: 25
		};
		const h = new Harness([rule]);
		const calm = Array.from({ length: 20 }, (_, i) => 10 + (i % 2));
		h.send([...calm, 100]);
		// 1 flag in 21 records is above 3 %, but the window holds fewer than 25 records.
		expect(h.poll(0)).toEqual([]);
		h.send([10, 11, 10, 11]);
		const events = h.poll(500);
		expect(events).toHaveLength(1);
		expect(events[0].value).toBeCloseTo(4, 10);
		// The window's newest record is the 25th, recorded at 24 s.
		expect(events[0].recordTime).toBe(24_000);
	});

	it('anomaly-rate rule fires only above the rate', () => {
		const rule: AlertRule = {
			...base,
			id: 'noisy',
			series: 'temp',
			kind: 'anomaly-rate',
			percent: 5,
			records: 20
		};
		const h = new Harness([rule]);
		const calm = Array.from({ length: 20 }, (_, i) => 10 + (i % 2));
		h.send(calm);
		expect(h.poll(0)).toEqual([]);
		// One flag in 20 records is exactly 5 %, which is not above it.
		h.send([100]);
		expect(h.poll(500)).toEqual([]);
		expect(h.evaluator.query([rule]).anomalyWindows).toEqual([20]);
	});

	it('no-data rule fires after the silence', () => {
		const rule: AlertRule = { ...base, id: 'quiet', series: 'temp', kind: 'no-data', seconds: 5 };
		const h = new Harness([rule]);
		h.send([1]);
		expect(h.poll(1_000)).toEqual([]);
		expect(h.poll(5_999)).toEqual([]);
		const events = h.poll(6_000);
		expect(events).toHaveLength(1);
		expect(events[0].value).toBe(5);
		expect(events[0].recordTime).toBeNull();
		expect(events[0].rule).toBe('temp has no data for 5 s');
		// Data re-arms it, and another silence fires again.
		h.send([2]);
		expect(h.poll(7_000)).toEqual([]);
		expect(h.poll(12_000)).toHaveLength(1);
	});

	it('no-data rule counts gaps as no data', () => {
		const rule: AlertRule = { ...base, id: 'quiet', series: 'load', kind: 'no-data', seconds: 5 };
		const h = new Harness([rule]);
		h.send([1], [3]);
		expect(h.poll(0)).toEqual([]);
		h.send([1, 2, 3], [NaN, NaN, NaN]);
		expect(h.poll(3_000)).toEqual([]);
		expect(h.poll(5_000)).toHaveLength(1);
	});

	it('no-data rule stays quiet while the source is closed', () => {
		const rule: AlertRule = { ...base, id: 'quiet', series: 'temp', kind: 'no-data', seconds: 5 };
		const h = new Harness([rule]);
		h.send([1]);
		h.status('done');
		expect(h.poll(0)).toEqual([]);
		expect(h.poll(60_000)).toEqual([]);
		// Reopening starts the clock again.
		h.status('reconnecting');
		expect(h.poll(61_000)).toEqual([]);
		expect(h.poll(66_000)).toHaveLength(1);
	});

	it('no-data rule stays quiet during a paused replay', () => {
		const rule: AlertRule = { ...base, id: 'quiet', series: 'temp', kind: 'no-data', seconds: 5 };
		const h = new Harness([rule]);
		h.send([1]);
		expect(h.poll(0)).toEqual([]);
		h.status('paused');
		expect(h.poll(1000)).toEqual([]);
		expect(h.poll(60_000)).toEqual([]);
		// Playing again starts the clock again.
		h.status('live');
		expect(h.poll(61_000)).toEqual([]);
		expect(h.poll(66_000)).toHaveLength(1);
	});

	it('cooldown blocks a second firing', () => {
		const rule: AlertRule = {
			...base,
			cooldownSeconds: 10,
			id: 'hot',
			series: 'temp',
			kind: 'above',
			level: 50
		};
		const h = new Harness([rule]);
		const times: number[] = [];
		for (let now = 0; now <= 25_000; now += 500) {
			// Every poll crosses the level and comes back, so only the cooldown limits firings.
			h.send([40, 60, 40]);
			times.push(...h.poll(now).map((event) => event.time));
		}
		expect(times).toEqual([0, 10_000, 20_000]);
	});

	it('disabled rule never fires', () => {
		const h = new Harness([
			{ ...base, enabled: false, id: 'hot', series: 'temp', kind: 'above', level: 50 }
		]);
		h.send([60]);
		expect(h.poll(0)).toEqual([]);
	});

	it('forget re-arms a rule', () => {
		const rule: AlertRule = { ...base, id: 'hot', series: 'temp', kind: 'above', level: 50 };
		const h = new Harness([rule]);
		h.send([60]);
		expect(h.poll(0)).toHaveLength(1);
		h.send([61]);
		h.evaluator.forget('hot');
		expect(h.poll(500)).toHaveLength(1);
	});

	it('event ids increase', () => {
		const h = new Harness([
			{ ...base, id: 'a', series: 'temp', kind: 'above', level: 0 },
			{ ...base, id: 'b', series: 'load', kind: 'above', level: 0 }
		]);
		h.send([1], [1]);
		const events = h.poll(0);
		expect(events.map((event) => event.ruleId)).toEqual(['a', 'b']);
		expect(events[1].id).toBeGreaterThan(events[0].id);
	});
});
