import type { SimOptions, SimPattern } from '../protocol';

/** The four signal shapes, in the order help text lists them. */
export const SIM_PATTERNS: readonly SimPattern[] = ['sine', 'random', 'trending', 'sawtooth'];

/** Lowest and highest accepted rate, in records per second. */
export const MIN_RATE = 0.1;
export const MAX_RATE = 1_000_000;

/** Highest seed: d3's LCG keeps 32 bits of state, so larger seeds would repeat smaller ones. */
export const MAX_SEED = 0xffffffff;

/** Returns the simulator defaults: a sine around 50 at 20 records/s with 1 % anomalies. */
export function defaultSimOptions(seed = 1): SimOptions {
	return { pattern: 'sine', rate: 20, base: 50, noise: 2, anomalyRate: 0.01, seed };
}

/** Returns the command-line flag for an option key, e.g. `anomalyRate` → `--anomaly-rate`. */
export function simOptionFlag(key: string): string {
	return '--' + key.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase());
}

/** Parses one option value, returning undefined when it is invalid. */
type Check<T> = (value: unknown) => T | undefined;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a number or a decimal string; returns undefined unless the result is finite. */
function toFiniteNumber(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value) ? value : undefined;
	}
	if (typeof value === 'string' && DECIMAL.test(value.trim())) {
		const parsed = Number(value.trim());
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

function inRange(min: number, max: number): Check<number> {
	return (value) => {
		const parsed = toFiniteNumber(value);
		return parsed !== undefined && parsed >= min && parsed <= max ? parsed : undefined;
	};
}

const checks: { [K in keyof SimOptions]: { check: Check<SimOptions[K]>; expected: string } } = {
	pattern: {
		check: (value) => SIM_PATTERNS.find((pattern) => pattern === value),
		expected: `one of ${SIM_PATTERNS.join(', ')}`
	},
	rate: {
		check: inRange(MIN_RATE, MAX_RATE),
		expected: `a number of records per second from ${MIN_RATE} to ${MAX_RATE}`
	},
	base: {
		check: inRange(-Number.MAX_VALUE, Number.MAX_VALUE),
		expected: 'a finite number'
	},
	noise: {
		check: inRange(0, Number.MAX_VALUE),
		expected: 'a standard deviation of 0 or more, in value units'
	},
	anomalyRate: {
		check: inRange(0, 1),
		expected: 'a share of records from 0 to 1'
	},
	seed: {
		check: (value) => {
			const parsed = inRange(0, MAX_SEED)(value);
			return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
		},
		expected: `an integer from 0 to ${MAX_SEED}`
	}
};

function isSimOptionKey(key: string): key is keyof SimOptions {
	return Object.hasOwn(checks, key);
}

/** Stores the parsed value of `key` in `options`, or returns false when the value is invalid. */
function applyOption<K extends keyof SimOptions>(options: SimOptions, key: K, value: unknown) {
	const parsed = checks[key].check(value);
	if (parsed === undefined) return false;

	options[key] = parsed;
	return true;
}

/**
 * Validates simulator settings given as numbers or as strings (command-line flags, URL
 * parameters) and fills the missing ones from `defaultSimOptions()`. A key whose value is
 * undefined counts as missing.
 *
 * Returns a one-line error for the first invalid or unknown key. The error names the option
 * through `nameOf`, which gives command-line flags (`--anomaly-rate`) by default, and states
 * the accepted range, e.g. `invalid --rate "abc": expected a number of records per second
 * from 0.1 to 1000000`.
 */
export function validateSimOptions(
	partial: Record<string, unknown>,
	nameOf: (key: string) => string = simOptionFlag
): { options: SimOptions } | { error: string } {
	const options = defaultSimOptions();

	for (const [key, value] of Object.entries(partial)) {
		if (value === undefined) continue;

		if (!isSimOptionKey(key)) {
			const known = Object.keys(checks).map(nameOf).join(', ');
			return { error: `unknown option ${nameOf(key)}: expected one of ${known}` };
		}

		if (!applyOption(options, key, value)) {
			const quotedValue = JSON.stringify(String(value));
			return { error: `invalid ${nameOf(key)} ${quotedValue}: expected ${checks[key].expected}` };
		}
	}

	return { options };
}
