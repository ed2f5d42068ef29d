import { describe, expect, it } from 'vitest';
import {
	defaultConfig,
	readUrlConfig,
	type DashboardConfig
} from '../../../src/lib/client/url-config';
import { writeReplayQuery, writeUrlConfig } from '../../../src/lib/client/url-write';
import type { SourceKind } from '../../../src/lib/protocol';

/** Parameters of the view settings, which every source reads. */
const VIEW_PARAMS = [
	'span',
	'points',
	'refresh',
	'ma',
	'detector',
	'z',
	'iqr-k',
	'forest',
	'band',
	'band-k',
	'right'
];

/** Writes a setup and reads it back, failing on any reported problem. */
function roundTrip(config: DashboardConfig, scope: 'all' | 'source' = 'all'): DashboardConfig {
	const query = writeUrlConfig(config, scope);
	const read = readUrlConfig(new URLSearchParams(query));
	expect(read.problems, query).toEqual([]);
	return read.config;
}

const everyField: DashboardConfig = {
	source: 'mqtt',
	url: 'wss://broker.example:8884/mqtt?token=a&b=c+d',
	pattern: 'sawtooth',
	rate: 1234.5,
	capacity: 1_500_000,
	choice: {
		time: ['meta', 'ts'],
		values: [['a.b', 'c'], ['x\\y'], ['spaced key', 'ünïcode'], ['amp&eq=plus+pct%hash#']],
		category: ['tags', 'room.name'],
		derived: [
			{ name: 'fahrenheit', expression: 'temp * 9 / 5 + 32' },
			{ name: 'a&b c+', expression: '"amp&eq=plus+pct%hash#" == 1 && -x.0 != 2' }
		],
		filter: 'status == 1 && temp > -5',
		timeUnit: 'us',
		lenient: true,
		duplicates: 'all',
		booleansAsNumbers: true
	},
	eventType: 'reading update',
	interval: 2.5,
	topic: 'sensors/+/temp/#',
	spanMs: 300_000,
	points: 10_000,
	refreshMs: 2000,
	maWindow: 7,
	detector: 'iqr',
	zThreshold: 2.7,
	iqrK: 2.25,
	forestThreshold: 0.73,
	band: true,
	bandK: 3.5,
	rightAxis: ['rh', 'temp, inside', 'back\\slash', 'amp&eq=plus+pct%hash#']
};

describe('writeUrlConfig', () => {
	it('writeUrlConfig round-trips every field', () => {
		// The saved settings keep the other sources' setup, so switching back restores it.
		expect(roundTrip(everyField)).toEqual(everyField);
	});

	it('writeUrlConfig round-trips every field of its source', () => {
		// The simulator's pattern and rate and the SSE and HTTP options are not MQTT's.
		const { pattern, rate, eventType, interval } = defaultConfig;
		const mqttOnly = { ...everyField, pattern, rate, eventType, interval };

		expect(roundTrip(everyField, 'source')).toEqual(mqttOnly);
	});

	it.each<[SourceKind, string[]]>([
		['simulator', ['source', 'pattern', 'rate']],
		['websocket', ['source', 'url', 'time', 'value']],
		['sse', ['source', 'url', 'event', 'time', 'value']],
		['http', ['source', 'url', 'interval', 'time', 'value']],
		['mqtt', ['source', 'url', 'topic', 'time', 'value']],
		['file', ['source', 'time', 'value']]
	])('writeUrlConfig writes only the parameters of %s', (source, expected) => {
		const config: DashboardConfig = {
			...defaultConfig,
			source,
			choice: { time: ['ts'], values: [['v']] },
			spanMs: defaultConfig.spanMs
		};
		const names = [...new URLSearchParams(writeUrlConfig(config, 'source')).keys()];
		const sourceNames = names.filter((name) => !VIEW_PARAMS.includes(name));

		expect(sourceNames).toEqual(expected);
	});

	it.each<SourceKind>(['simulator', 'websocket', 'sse', 'http', 'mqtt', 'file'])(
		'writeUrlConfig round-trips the settings of %s',
		(source) => {
			const config: DashboardConfig = {
				...readUrlConfig(new URLSearchParams({ source })).config,
				pattern: 'random',
				rate: 75,
				url: source === 'sse' || source === 'http' ? 'http://127.0.0.1:9/x' : 'ws://127.0.0.1:9',
				eventType: 'reading',
				interval: 3,
				topic: 'a/#',
				choice: { values: [['v']] }
			};
			const read = roundTrip(config, 'source');

			expect(read.source).toBe(source);
			if (source === 'simulator') {
				expect(read.pattern).toBe('random');
				expect(read.rate).toBe(75);
				expect(read.choice).toEqual({});
			} else {
				expect(read.choice).toEqual({ values: [['v']] });
			}
			if (source !== 'simulator' && source !== 'file') expect(read.url).toBe(config.url);
			if (source === 'sse') expect(read.eventType).toBe('reading');
			if (source === 'http') expect(read.interval).toBe(3);
			if (source === 'mqtt') expect(read.topic).toBe('a/#');
		}
	);

	it('writeUrlConfig round-trips the defaults', () => {
		expect(roundTrip(defaultConfig)).toEqual(defaultConfig);
	});

	it.each([
		['time only', { time: ['timestamp'] }],
		['no time, no category', { time: null, category: null }],
		['values only', { values: [['metadata', 'temp'], ['value']] }],
		['dot inside a key', { values: [['a.b.c']] }],
		['backslash before a dot', { values: [['a\\', 'b']] }],
		['trailing backslash', { values: [['a\\']] }],
		['derived only', { derived: [{ name: 'sum', expression: 'a + b' }] }],
		['split by a nested field', { category: ['meta', 'sensor.id'], split: ['meta', 'sensor.id'] }],
		['nothing chosen', {}]
	])('writeUrlConfig round-trips the mapping: %s', (_, choice) => {
		const config = { ...defaultConfig, source: 'websocket' as const, choice };

		expect(roundTrip(config).choice).toEqual(choice);
	});

	it.each([
		['band off keeps its k', { band: false, bandK: 1.5 }],
		['everything, refresh every frame', { spanMs: 0, points: 0, refreshMs: 0 }],
		['odd span', { spanMs: 1234 }],
		['refresh at the limits', { refreshMs: 500 }],
		['refresh at the top', { refreshMs: 10_000 }],
		['threshold with rounding', { zThreshold: 0.1 + 0.2 + 1 }],
		['extremes', { maWindow: 50, zThreshold: 4, bandK: 1 }],
		['ensemble detector', { detector: 'ensemble' as const }],
		['IQR k at the limits', { detector: 'iqr' as const, iqrK: 0.5 }],
		['IQR k at the top', { detector: 'iqr' as const, iqrK: 5 }],
		['forest threshold at the limits', { detector: 'iforest' as const, forestThreshold: 0.5 }],
		['forest threshold at the top', { detector: 'iforest' as const, forestThreshold: 0.9 }],
		['one series on the right', { rightAxis: ['pressure'] }],
		['comma inside a right series name', { rightAxis: ['a,b', 'c\\'] }]
	])('writeUrlConfig round-trips view settings: %s', (_, view) => {
		const config = { ...defaultConfig, ...view };

		expect(roundTrip(config)).toEqual(config);
	});

	it('writeUrlConfig lists right axis series with commas', () => {
		const query = writeUrlConfig({ ...defaultConfig, rightAxis: ['temp', 'rh'] });

		expect(query).toContain('right=temp,rh');
	});

	it('writeUrlConfig leaves out an empty right axis', () => {
		const params = new URLSearchParams(writeUrlConfig(defaultConfig));

		expect(params.has('right')).toBe(false);
	});

	it('writeUrlConfig keeps the endpoint readable', () => {
		const query = writeUrlConfig({
			...defaultConfig,
			source: 'sse',
			url: 'http://127.0.0.1:8766/events'
		});

		expect(query).toContain('url=http://127.0.0.1:8766/events');
		expect(query).toContain('source=sse');
	});

	it.each([
		['lenient', { lenient: true }],
		['keep the last of equal times', { duplicates: 'last' as const }],
		['keep every record of equal times', { duplicates: 'all' as const }],
		['booleans as numbers', { booleansAsNumbers: true }]
	])('writeUrlConfig round-trips the reading option: %s', (_, choice) => {
		const config = { ...defaultConfig, source: 'file' as const, choice };

		expect(roundTrip(config).choice).toEqual(choice);
	});

	it('writeUrlConfig writes the reading options as their parameters', () => {
		const query = writeUrlConfig({
			...defaultConfig,
			source: 'file',
			choice: { lenient: true, duplicates: 'all', booleansAsNumbers: true }
		});
		const params = new URLSearchParams(query);

		expect(params.get('lenient')).toBe('1');
		expect(params.get('duplicates')).toBe('all');
		expect(params.get('booleans')).toBe('1');
	});

	it('writeUrlConfig leaves out reading options at their defaults', () => {
		const query = writeUrlConfig({
			...defaultConfig,
			source: 'file',
			choice: { lenient: undefined, duplicates: undefined, booleansAsNumbers: false }
		});
		const params = new URLSearchParams(query);

		expect(params.has('lenient')).toBe(false);
		expect(params.has('duplicates')).toBe(false);
		expect(params.has('booleans')).toBe(false);
	});

	it('writeUrlConfig leaves out no split', () => {
		const query = writeUrlConfig({ ...defaultConfig, source: 'file', choice: { split: null } });

		expect(query).not.toContain('split');
	});

	it('writeUrlConfig escapes plus signs', () => {
		const query = writeUrlConfig({
			...defaultConfig,
			source: 'file',
			choice: { values: [['a+b']] }
		});

		expect(query).toContain('value=a%2Bb');
	});
});

describe('readUrlConfig view parameters', () => {
	function read(query: string) {
		return readUrlConfig(new URLSearchParams(query));
	}

	it('readUrlConfig reads the view parameters', () => {
		const { config, problems } = read(
			'span=300&points=1000&refresh=0.5&ma=12&detector=iqr&z=2.5&iqr-k=3&band=on&band-k=1.5'
		);

		expect(problems).toEqual([]);
		expect(config.detector).toBe('iqr');
		expect(config.iqrK).toBe(3);
		expect(config.spanMs).toBe(300_000);
		expect(config.points).toBe(1000);
		expect(config.refreshMs).toBe(500);
		expect(config.maWindow).toBe(12);
		expect(config.zThreshold).toBe(2.5);
		expect(config.band).toBe(true);
		expect(config.bandK).toBe(1.5);
	});

	it('readUrlConfig names the detectors an invalid one could be', () => {
		const { config, problems } = read('detector=lof');

		expect(problems[0].message).toBe(
			'invalid detector "lof": expected one of zscore, iqr, iforest, ensemble'
		);
		expect(config.detector).toBe('zscore');
	});

	it('readUrlConfig states the range of iqr-k', () => {
		const { config, problems } = read('detector=iqr&iqr-k=9');

		expect(problems[0].message).toBe('invalid iqr-k "9": expected an IQR multiple from 0.5 to 5');
		expect(config.iqrK).toBe(1.5);
		expect(config.detector).toBe('iqr');
	});

	it('readUrlConfig states the range of forest', () => {
		const { config, problems } = read('detector=iforest&forest=0.95');

		expect(problems[0].message).toBe(
			'invalid forest "0.95": expected an isolation-forest score from 0.5 to 0.9'
		);
		expect(config.forestThreshold).toBe(0.85);
		expect(config.detector).toBe('iforest');
	});

	it('readUrlConfig starts the simulator on the last minute', () => {
		expect(read('').config.spanMs).toBe(60_000);
		expect(read('source=websocket').config.spanMs).toBe(0);
	});

	it.each([
		['span', '-1'],
		['span', 'forever'],
		['span', '31536001'],
		['points', '2.5'],
		['points', '-10'],
		['points', '20000001'],
		['refresh', '0.2'],
		['refresh', '11'],
		['ma', '4'],
		['ma', '51'],
		['ma', '7.5'],
		['z', '0.5'],
		['z', '4.1'],
		['z', ''],
		['band', 'yes'],
		['band-k', '0'],
		['band-k', '5'],
		['detector', 'lof'],
		['detector', 'ZSCORE'],
		['detector', ''],
		['iqr-k', '0.4'],
		['iqr-k', '5.1'],
		['iqr-k', 'wide'],
		['forest', '0.49'],
		['forest', '1'],
		['forest', 'high']
	])('readUrlConfig rejects %s=%s and keeps the default', (param, value) => {
		const { config, problems } = read(`${param}=${encodeURIComponent(value)}&ma=9`);

		expect(problems).toHaveLength(1);
		expect(problems[0].param).toBe(param);
		expect(problems[0].message).toContain(`invalid ${param} "${value}"`);
		expect(config.maWindow).toBe(param === 'ma' ? defaultConfig.maWindow : 9);
		expect({ ...config, maWindow: 0 }).toEqual({ ...defaultConfig, maWindow: 0 });
	});
});

describe('writeReplayQuery', () => {
	it('writeReplayQuery writes session and speed', () => {
		expect(writeReplayQuery('abc-1', 10)).toBe('replay=abc-1&speed=10');
		expect(writeReplayQuery('abc-1', Infinity)).toBe('replay=abc-1&speed=max');
		expect(writeReplayQuery('a b&c', 2.5)).toBe('replay=a%20b%26c&speed=2.5');
	});
});

describe('writeUrlConfig count', () => {
	it('writeUrlConfig round-trips a count without values', () => {
		const config: DashboardConfig = {
			...defaultConfig,
			source: 'file',
			choice: { countWindowMs: 60_000, split: ['type'], category: ['type'] }
		};
		const query = writeUrlConfig(config, 'source');

		expect(query).toContain('count=1m');
		expect(query).not.toContain('value=');
		expect(roundTrip(config, 'source').choice).toEqual(config.choice);
	});

	it('writeUrlConfig round-trips a typed count window', () => {
		const config: DashboardConfig = {
			...defaultConfig,
			source: 'file',
			choice: { values: [['v']], countWindowMs: 90_000 }
		};

		expect(writeUrlConfig(config)).toContain('count=90s');
		expect(roundTrip(config).choice).toEqual(config.choice);
	});
});
