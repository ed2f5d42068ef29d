import type { DigestQuery, SourceStatus, StreamDigest } from '../protocol';
import { INITIAL_FIRING_STATE, stepFiring, type FiringState } from './cooldown';
import { describeRule, type AlertEvent, type AlertRule } from './rule';
import { evaluateCondition } from './rule-condition';

/**
 * Source states in which no data is expected, so no-data rules stay quiet. Only a paused replay
 * reports 'paused', because the dashboard's Pause freezes the view while the source goes on
 * sending.
 */
const CLOSED_STATES: readonly SourceStatus[] = ['idle', 'done', 'paused'];

/**
 * Evaluates alert rules against successive stream digests. It keeps each rule's firing state,
 * the cursor of the last digest, and when each series last had data.
 *
 * Times are wall-clock ms from the caller, because no-data rules measure how long the page has
 * waited, not the records' own timestamps. Each event also carries the record time of the value
 * that fired it, from the digest.
 */
export class AlertEvaluator {
	#states = new Map<string, FiringState>();
	#lastDataAt = new Map<string, number>();
	/** When the current source was first seen open; null while none is. */
	#openSince: number | null = null;
	#cursor: DigestQuery['since'] = null;
	#nextEventId = 1;

	/** Returns the query for the next digest: new records since the last one, and windows. */
	query(rules: readonly AlertRule[]): DigestQuery {
		const windows = new Set<number>();
		for (const rule of rules) {
			if (rule.enabled && rule.kind === 'anomaly-rate') windows.add(rule.records);
		}
		return { since: this.#cursor, anomalyWindows: [...windows] };
	}

	/** Applies one digest and returns the events of the rules that fire, in rule order. */
	evaluate(rules: readonly AlertRule[], digest: StreamDigest, now: number): AlertEvent[] {
		const newStream = this.#cursor !== null && this.#cursor.generation !== digest.generation;
		this.#cursor = { generation: digest.generation, recordCount: digest.recordCount };
		if (newStream) this.#lastDataAt.clear();
		if (CLOSED_STATES.includes(digest.status)) this.#openSince = null;
		else if (this.#openSince === null || newStream) this.#openSince = now;

		const bySeries = new Map(digest.series.map((series) => [series.name, series]));
		for (const series of digest.series) {
			if (series.newValues > 0) this.#lastDataAt.set(series.name, now);
		}

		const events: AlertEvent[] = [];
		for (const rule of rules) {
			if (!rule.enabled) continue;
			const condition = evaluateCondition(
				rule,
				bySeries.get(rule.series),
				this.#silentMs(rule.series, now)
			);
			const state = this.#states.get(rule.id) ?? INITIAL_FIRING_STATE;
			const step = stepFiring(state, condition, rule.cooldownSeconds * 1000, now);
			this.#states.set(rule.id, step.state);
			if (!step.fire) continue;
			events.push({
				id: this.#nextEventId++,
				ruleId: rule.id,
				series: rule.series,
				kind: rule.kind,
				rule: describeRule(rule),
				value: condition.value,
				recordTime: condition.recordTime,
				time: now
			});
		}
		return events;
	}

	/** Drops a rule's firing state, so that an edited or re-enabled rule starts armed. */
	forget(ruleId: string): void {
		this.#states.delete(ruleId);
	}

	#silentMs(series: string, now: number): number | null {
		if (this.#openSince === null) return null;
		const since = Math.max(this.#lastDataAt.get(series) ?? -Infinity, this.#openSince);
		return now - since;
	}
}
