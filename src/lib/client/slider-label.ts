/**
 * Formats a slider's value with the `digits` decimals of its step, such as 3.0 for a step of 0.1.
 * A value off the step, which only a URL or saved settings can set, keeps its own decimals
 * (0.855, not 0.86), because the detector uses it as it is.
 */
export function sliderLabel(value: number, digits: number): string {
	const fixed = value.toFixed(digits);
	// Sums such as 0.1 + 0.2 leave a last-digit error that no one set on purpose.
	return Math.abs(Number(fixed) - value) < 1e-9 ? fixed : String(value);
}
