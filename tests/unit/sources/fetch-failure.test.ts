import { expect, test } from 'vitest';
import { fetchFailure } from '../../../src/lib/sources/fetch-failure';

test('fetchFailure names URL and causes', () => {
	const message = fetchFailure('http://127.0.0.1:9/events', new TypeError('Failed to fetch'));

	expect(message).toBe(
		'could not connect to http://127.0.0.1:9/events (Failed to fetch): the server may be down ' +
			'or refusing connections, or may not allow this origin (CORS)'
	);
});

test('fetchFailure keeps other errors plain', () => {
	const message = fetchFailure('http://127.0.0.1:9/', new DOMException('gone', 'AbortError'));

	expect(message).toBe('could not connect to http://127.0.0.1:9/ (gone)');
});
