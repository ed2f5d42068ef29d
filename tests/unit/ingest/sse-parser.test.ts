import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { MAX_RETRY_MS, SseParser, type SseEvent } from '../../../src/lib/ingest/sse-parser';

interface Parsed {
	events: SseEvent[];
	retries: number[];
	comments: string[];
	unterminated: string | null;
}

function fixture(name: string): Uint8Array {
	return new Uint8Array(readFileSync(new URL(`../../fixtures/cases/${name}`, import.meta.url)));
}

/** Feeds `bytes` in chunks of `chunkSize`, as a fetch body might arrive. */
function parse(bytes: Uint8Array, chunkSize: number): Parsed {
	const out: Parsed = { events: [], retries: [], comments: [], unterminated: null };
	const parser = new SseParser({
		event: (event) => out.events.push(event),
		retry: (ms) => out.retries.push(ms),
		comment: (text) => out.comments.push(text)
	});
	for (let offset = 0; offset < bytes.length; offset += chunkSize) {
		parser.push(bytes.subarray(offset, offset + chunkSize));
	}
	out.unterminated = parser.end();
	return out;
}

const encode = (text: string) => new TextEncoder().encode(text);
const CHUNK_SIZES = [1, 2, 3, 5, 7, 16, 4096];

test.each(CHUNK_SIZES)('SseParser case-13 multi-line data, %i-byte chunks', (chunkSize) => {
	const { events } = parse(fixture('case-13-sse-multiline-data.txt'), chunkSize);

	expect(events).toEqual([
		{
			type: 'reading',
			lastEventId: '1',
			data: '{"ts":"2024-05-01T10:00:00Z",\n "sensor":"pump-7",\n "rpm":1450}'
		},
		{ type: 'message', lastEventId: '1', data: 'line one\nline two' },
		{
			type: 'message',
			lastEventId: '1',
			data: '{"ts":"2024-05-01T10:00:05Z","sensor":"pump-7","rpm":1452}'
		}
	]);
	expect(JSON.parse(events[0].data).rpm).toBe(1450);
	expect(() => JSON.parse(events[1].data)).toThrow();
});

test.each(CHUNK_SIZES)('SseParser case-14 comments and keep-alive, %i-byte chunks', (chunkSize) => {
	const parsed = parse(fixture('case-14-sse-comments-keepalive.txt'), chunkSize);

	expect(parsed.events).toEqual([
		{ type: 'message', data: '{"v":1}', lastEventId: '8' },
		{ type: 'message', data: '{"v":2}', lastEventId: '8' }
	]);
	expect(parsed.retries).toEqual([3000]);
	expect(parsed.comments).toEqual([' welcome', '', ' keepalive 2024-05-01T10:00:15Z']);
});

test.each(CHUNK_SIZES)('SseParser case-15 named events, %i-byte chunks', (chunkSize) => {
	const { events } = parse(fixture('case-15-sse-named-events.txt'), chunkSize);

	expect(events.map((event) => [event.type, event.data])).toEqual([
		['trade', '{"p":"101.5","q":"0.2"}'],
		['ticker', '{"last":101.6}'],
		['status ', '{"s":"ok"}'],
		['message', '{"plain":true}'],
		['message', '{"empty_event_name":true}']
	]);
});

test.each(CHUNK_SIZES)('SseParser case-17 retry values, %i-byte chunks', (chunkSize) => {
	const parsed = parse(fixture('case-17-sse-retry.txt'), chunkSize);

	expect(parsed.events.map((event) => JSON.parse(event.data).n)).toEqual([1, 2, 3, 4, 5]);
	expect(parsed.retries).toEqual([500, MAX_RETRY_MS]);
});

test.each(CHUNK_SIZES)('SseParser case-18 line endings, %i-byte chunks', (chunkSize) => {
	const { events } = parse(fixture('case-18-sse-line-endings.txt'), chunkSize);

	expect(events.map((event) => event.data)).toEqual([
		'{"n":1}',
		'{"n":2}',
		'{"n":3}',
		'first\nsecond'
	]);
});

test.each(CHUNK_SIZES)('SseParser case-20 stream end, %i-byte chunks', (chunkSize) => {
	const parsed = parse(fixture('case-20-sse-stream-end.txt'), chunkSize);

	expect(parsed.events.map((event) => event.data)).toEqual(['{"n":1}', '{"n":2}']);
	expect(parsed.unterminated).toBe('{"n":3}');
});

test.each(CHUNK_SIZES)('SseParser Wikimedia framing, %i-byte chunks', (chunkSize) => {
	const { events } = parse(fixture('streams/wikimedia-recentchange.sse.txt'), chunkSize);

	expect(events.length).toBeGreaterThan(0);
	for (const event of events) {
		expect(event.type).toBe('message');
		expect(() => JSON.parse(event.data)).not.toThrow();
		expect(Array.isArray(JSON.parse(event.lastEventId))).toBe(true);
	}
});

test.each(CHUNK_SIZES)('SseParser multi-byte character split, %i-byte chunks', (chunkSize) => {
	const { events } = parse(encode('\uFEFFdata: {"city":"Zürich","t":"°C 😀"}\r\n\r\n'), chunkSize);

	expect(events).toEqual([
		{ type: 'message', data: '{"city":"Zürich","t":"°C 😀"}', lastEventId: '' }
	]);
});

test('SseParser CR and LF in separate chunks', () => {
	const parser = new SseParser({ event: (event) => events.push(event.data) });
	const events: string[] = [];
	parser.push('data: a\r');
	parser.push('\ndata: b\r');
	parser.push('\n\r');
	parser.push('\n');

	expect(events).toEqual(['a\nb']);
});

test('SseParser id with NUL ignored', () => {
	const events: SseEvent[] = [];
	const parser = new SseParser({ event: (event) => events.push(event) }, '4');
	parser.push('id: 5\0x\ndata: a\n\nid\ndata: b\n\n');

	expect(events.map((event) => event.lastEventId)).toEqual(['4', '']);
	expect(parser.lastEventId).toBe('');
});

test('SseParser field without colon and unknown fields', () => {
	const events: SseEvent[] = [];
	const parser = new SseParser({ event: (event) => events.push(event) });
	parser.push('foo: bar\ndata\ndata:x\n\n');

	expect(events.map((event) => event.data)).toEqual(['\nx']);
});
