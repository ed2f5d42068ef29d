/**
 * Formats a KPI value for its card: up to six digits in full, compact notation (3.37M) up to a
 * thousand T, and an exponent beyond (1.29e+300). A value that `digits` decimals would round to 0
 * gets three significant digits (0.0042), or an exponent below a thousandth (4.23e-4).
 */
export function formatKpi(value: number, digits: number): string {
	if (!Number.isFinite(value)) return '–';
	// -0, from rounding a small negative mean, reads as 0.
	if (value === 0) return '0';
	const size = Math.abs(value);
	if (size >= 1e15) return value.toExponential(2);
	if (size >= 1e6) {
		return value.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 2 });
	}
	if (value !== 0 && size < 0.5 * 10 ** -digits) {
		if (size < 1e-3) return value.toExponential(2);
		return value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
	}
	return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Formats a KPI value in full for the card's tooltip. Below a thousandth, it uses `String`. */
export function exactKpi(value: number): string {
	if (!Number.isFinite(value)) return 'no value yet';
	if (value !== 0 && Math.abs(value) < 1e-3) return String(value);
	return value.toLocaleString('en-US', { maximumFractionDigits: 20 });
}
