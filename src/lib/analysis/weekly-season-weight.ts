import { RunningStats } from './running-stats';

/** Largest weight given, so that a nearly exact weekly repeat cannot make tiny deviations loud. */
const MAX_WEIGHT = 3;

/**
 * How much better a stream is predicted by its value one week earlier than by its value one day
 * earlier: the variance of day-over-day changes divided by the variance of week-over-week
 * changes, over every record so far, capped at 3. It is 0 until there is a week of changes. It is
 * also 0 whenever the weekly change varies at least as much as the daily one, because then the
 * stream has no weekly pattern that a weekly feature could see broken.
 *
 * The variances run over the whole stream in O(1) memory (Welford's algorithm in RunningStats),
 * so the weight settles as a stream grows, and a late change of pattern moves it slowly.
 */
export class WeeklySeasonWeight {
	#dayChanges = new RunningStats();
	#weekChanges = new RunningStats();
	#minCount = Infinity;

	/** Sets the records per day, after which the weight can become nonzero. */
	setDay(day: number): void {
		this.#minCount = 7 * day;
	}

	/** Adds one record's change from one day and from one week earlier. Non-finite changes are skipped. */
	push(dayChange: number, weekChange: number): void {
		this.#dayChanges.push(dayChange);
		this.#weekChanges.push(weekChange);
	}

	get weight(): number {
		if (this.#weekChanges.count < this.#minCount) return 0;
		const daily = this.#dayChanges.variance;
		const weekly = this.#weekChanges.variance;
		if (!(weekly < daily)) return 0;
		return Math.min(MAX_WEIGHT, daily / weekly);
	}
}
