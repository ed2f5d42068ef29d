/**
 * Checks an MQTT topic filter (MQTT 3.1.1, section 4.7): `+` must fill a whole level, `#` a whole
 * level and only the last one. Returns what is wrong in words, or null for a valid filter.
 */
export function checkTopicFilter(filter: string): string | null {
	if (filter === '') return 'a topic filter cannot be empty';
	const levels = filter.split('/');
	for (let i = 0; i < levels.length; i++) {
		const level = levels[i];
		if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
			return `# must be a whole level and the last one, as in sensors/#`;
		}
		if (level.includes('+') && level !== '+') {
			return `+ must be a whole level, as in sensors/+/temperature`;
		}
	}
	return null;
}
