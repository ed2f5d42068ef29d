import { expect, test } from 'vitest';
import { checkMixedContent } from '../../../src/lib/client/url-config';

test.each([
	['ws://stream.example:8765', 'wss://'],
	['http://stream.example/events', 'https://'],
	['WS://10.0.0.5:9000/path', 'wss://']
])('checkMixedContent blocks %s on https', (url, secure) => {
	const message = checkMixedContent(url, 'https:');

	expect(message).toContain('mixed content');
	expect(message).toContain(url);
	expect(message).toContain(`Use a ${secure} endpoint`);
});

test.each([
	['wss://stream.example:8765', 'https:'],
	['https://stream.example/events', 'https:'],
	['ws://stream.example:8765', 'http:'],
	['ws://127.0.0.1:8765', 'https:'],
	['ws://127.5.6.7:8765', 'https:'],
	['ws://localhost:8765', 'https:'],
	['ws://app.localhost:8765', 'https:'],
	['ws://[::1]:8765', 'https:'],
	['not a url', 'https:']
])('checkMixedContent allows %s on %s', (url, pageProtocol) => {
	expect(checkMixedContent(url, pageProtocol)).toBeNull();
});
