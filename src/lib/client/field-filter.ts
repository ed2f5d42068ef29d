/**
 * Tests whether a field's dotted name matches the text typed in the field picker's filter:
 * every word of it, in any order and any case, is part of the name. Empty text matches all.
 */
export function matchesFieldFilter(name: string, text: string): boolean {
	const lowerName = name.toLowerCase();
	return text
		.toLowerCase()
		.split(/\s+/)
		.every((word) => lowerName.includes(word));
}
