/**
 * A plain decimal number: optional sign, digits with an optional fraction (`5.` and `.5` are
 * allowed), optional exponent. ASCII digits only.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Converts a field value to a finite number, or NaN when it is not one.
 *
 * Finite numbers pass. Strings are trimmed and must then be a plain decimal number, because
 * `Number()` and `parseFloat()` accept traps: `Number('')` is 0, `Number('0x1A')` is 26,
 * `parseFloat('12kWh')` is 12 and `parseFloat('1_000')` is 1. NaN, ±Infinity, booleans, null,
 * undefined and objects give NaN, so none of them reaches the statistics. Negative zero
 * becomes 0.
 */
export function toNumber(value: unknown): number {
	if (typeof value === 'number') {
		return Number.isFinite(value) ? value + 0 : NaN;
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (!DECIMAL.test(text)) return NaN;

		// A huge exponent such as '1e999' passes the pattern but overflows to Infinity.
		const number = Number(text);
		return Number.isFinite(number) ? number + 0 : NaN;
	}
	if (typeof value === 'bigint') {
		const number = Number(value);
		return Number.isFinite(number) ? number : NaN;
	}
	return NaN;
}

/** Tells whether {@link toNumber} turns `value` into a number. */
export function isNumeric(value: unknown): boolean {
	return !Number.isNaN(toNumber(value));
}
