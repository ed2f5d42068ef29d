import { expect, test } from 'vitest';
import { GarbageInjector } from '../../../producer/garbage';

const message = JSON.stringify({ timestamp: '2024-01-20T10:30:00.000Z', value: 42.5 });

function isValidJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

test('GarbageInjector rate 0 keeps every message', () => {
	const garbage = new GarbageInjector(0, 1);
	for (let i = 0; i < 1000; i++) expect(garbage.apply(message)).toBe(message);
	expect(garbage.replaced).toBe(0);
});

test('GarbageInjector rate 1 replaces every message', () => {
	const garbage = new GarbageInjector(1, 1);
	const outputs = Array.from({ length: 60 }, () => garbage.apply(message));

	expect(garbage.replaced).toBe(60);
	for (const output of outputs) {
		expect(isValidJson(output)).toBe(false);
		expect(output.trim()).not.toBe('');
	}
});

test('GarbageInjector counts what it replaces', () => {
	const garbage = new GarbageInjector(0.2, 7);
	const outputs = Array.from({ length: 5000 }, () => garbage.apply(message));
	const invalid = outputs.filter((output) => !isValidJson(output)).length;

	expect(invalid).toBe(garbage.replaced);
	// 1000 expected; the binomial standard deviation is about 28.
	expect(invalid).toBeGreaterThan(850);
	expect(invalid).toBeLessThan(1150);
});

test('GarbageInjector repeats for one seed', () => {
	const first = new GarbageInjector(0.3, 5);
	const second = new GarbageInjector(0.3, 5);
	const a = Array.from({ length: 200 }, () => first.apply(message));
	const b = Array.from({ length: 200 }, () => second.apply(message));

	expect(a).toEqual(b);
});

test('GarbageInjector skip keeps later draws', () => {
	const full = new GarbageInjector(0.3, 5);
	const resumed = new GarbageInjector(0.3, 5);
	const all = Array.from({ length: 200 }, () => full.apply(message));
	for (let i = 0; i < 120; i++) resumed.skip();
	const rest = Array.from({ length: 80 }, () => resumed.apply(message));

	expect(rest).toEqual(all.slice(120));
});
