import { readFileSync } from 'node:fs';

/** Reads a JSON Lines fixture from tests/fixtures/cases/ as parsed objects. */
export function readCase(name: string): Record<string, unknown>[] {
	const text = readFileSync(new URL(`../../fixtures/cases/${name}`, import.meta.url), 'utf8');
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line));
}
