import { describe, expect, it } from 'vitest';
import { defaultSimOptions } from '../../../src/lib/sim/generator';
import { parseProducerArgs } from '../../../producer/options';

function errorOf(args: string[]): string | undefined {
	const result = parseProducerArgs(args);
	return result.kind === 'error' ? result.message : undefined;
}

describe('parseProducerArgs', () => {
	it.each([
		{ args: [], error: 'missing MODE: expected console, file, websocket, http; see --help' },
		{
			args: ['stdout'],
			error: 'unknown mode "stdout": expected console, file, websocket, http; see --help'
		},
		{ args: ['console', 'extra'], error: 'unexpected argument "extra" after MODE; see --help' },
		{
			args: ['http', '--batch', '2'],
			error: '--batch applies only to websocket mode; see --help'
		},
		{
			args: ['console', '--port', '1'],
			error: '--port applies only to websocket and http mode; see --help'
		},
		{
			args: ['websocket', '--batch', '0'],
			error:
				'invalid --batch "0": expected auto or a whole number of records per message from 1 to 100000'
		},
		{
			args: ['console', '--shape', 'deep'],
			error: 'unknown --shape "deep": expected flat, nested, homeassistant, fleet; see --help'
		},
		{
			args: ['websocket', '--devices', '3'],
			error: '--devices applies only to --shape fleet; see --help'
		},
		{
			args: ['websocket', '--shape', 'fleet', '--devices', '0'],
			error: 'invalid --devices "0": expected a whole number of devices from 1 to 100'
		},
		{ args: ['http', '--event='], error: 'invalid --event "": expected one line of text' },
		{ args: ['console', '--foo'], error: 'unknown option --foo; see --help' },
		{ args: ['console', '-x'], error: 'unknown option -x; see --help' },
		{ args: ['console', '--rate'], error: 'missing value for --rate; see --help' },
		{
			args: ['console', '--base', '-5'],
			error: 'missing value for --base; write --base=VALUE for a value that starts with -'
		},
		{ args: ['console', '--help=yes'], error: 'option --help takes no value; see --help' },
		{
			args: ['console', '--rate', 'abc'],
			error: 'invalid --rate "abc": expected a number of records per second from 0.1 to 1000000'
		},
		{
			args: ['console', '--anomaly-rate', '2'],
			error: 'invalid --anomaly-rate "2": expected a share of records from 0 to 1'
		},
		{
			args: ['console', '--duration', '0'],
			error: 'invalid --duration "0": expected a number of seconds above 0'
		},
		{
			args: ['console', '--duration', 'soon'],
			error: 'invalid --duration "soon": expected a number of seconds above 0'
		},
		{
			args: ['console', '--count', '2.5'],
			error: 'invalid --count "2.5": expected a whole number of records from 1'
		},
		{
			args: ['websocket', '--port', '70000'],
			error: 'invalid --port "70000": expected an integer from 0 to 65535 (0 picks a free port)'
		},
		{
			args: ['websocket', '--host', ''],
			error: 'invalid --host "": expected an address such as 127.0.0.1'
		},
		{ args: ['file'], error: 'missing --file PATH for file mode; see --help' },
		{
			args: ['console', '--port', '9000'],
			error: '--port applies only to websocket and http mode; see --help'
		},
		{
			args: ['console', '--host', '::1'],
			error: '--host applies only to websocket and http mode; see --help'
		},
		{
			args: ['websocket', '--file', 'out.jsonl'],
			error: '--file applies only to file mode; see --help'
		}
	])('parseProducerArgs rejects $args', ({ args, error }) => {
		expect(errorOf(args)).toBe(error);
	});

	it.each([['--help'], ['-h'], ['console', '--help'], ['console', '--rate', 'abc', '--help']])(
		'parseProducerArgs help wins: %s',
		(...args) => {
			expect(parseProducerArgs(args)).toEqual({ kind: 'help' });
		}
	);

	it('parseProducerArgs console defaults', () => {
		expect(parseProducerArgs(['console'])).toEqual({
			kind: 'run',
			options: {
				mode: 'console',
				sim: defaultSimOptions(),
				durationS: null,
				count: null,
				port: 8765,
				host: '127.0.0.1',
				file: null,
				garbageRate: 0,
				batch: 1,
				shape: 'flat',
				devices: 4,
				event: null
			}
		});
	});

	it('parseProducerArgs http options', () => {
		const result = parseProducerArgs(['http', '--event', 'reading', '--shape', 'nested']);

		expect(result.kind).toBe('run');
		if (result.kind !== 'run') return;
		expect(result.options.mode).toBe('http');
		expect(result.options.event).toBe('reading');
		expect(result.options.shape).toBe('nested');
	});

	it('parseProducerArgs reads every simulator flag', () => {
		const result = parseProducerArgs([
			'console',
			'--pattern',
			'trending',
			'--rate',
			'500',
			'--base=-20',
			'--noise',
			'0',
			'--anomaly-rate',
			'0.2',
			'--seed',
			'77'
		]);

		expect(result).toHaveProperty('options.sim', {
			pattern: 'trending',
			rate: 500,
			base: -20,
			noise: 0,
			anomalyRate: 0.2,
			seed: 77
		});
	});

	it.each([
		{ args: ['file', '--file', 'x.jsonl'], count: 10_000, durationS: null },
		{ args: ['file', '--file', 'x.jsonl', '--count', '5'], count: 5, durationS: null },
		{ args: ['file', '--file', 'x.jsonl', '--duration', '2'], count: null, durationS: 2 },
		{ args: ['console', '--duration', '0.5'], count: null, durationS: 0.5 },
		{ args: ['websocket', '--count', '3'], count: 3, durationS: null }
	])('parseProducerArgs limits for $args', ({ args, count, durationS }) => {
		const result = parseProducerArgs(args);

		expect(result).toHaveProperty('options.count', count);
		expect(result).toHaveProperty('options.durationS', durationS);
	});

	it.each([
		{ text: '0', rate: 0 },
		{ text: '0.25', rate: 0.25 },
		{ text: '1', rate: 1 }
	])('parseProducerArgs garbage rate $text', ({ text, rate }) => {
		const result = parseProducerArgs(['websocket', '--garbage-rate', text]);

		expect(result).toHaveProperty('options.garbageRate', rate);
	});

	it.each(['-0.1', '1.5', 'half'])('parseProducerArgs rejects garbage rate %s', (text) => {
		expect(parseProducerArgs(['console', `--garbage-rate=${text}`])).toEqual({
			kind: 'error',
			message: `invalid --garbage-rate "${text}": expected a share of messages from 0 to 1`
		});
	});

	it.each([
		{ args: [], batch: 1 },
		{ args: ['--rate', '1000'], batch: 1 },
		{ args: ['--rate', '1001'], batch: 'tick' },
		{ args: ['--rate', '100000', '--batch', 'auto'], batch: 'tick' },
		{ args: ['--rate', '100000', '--batch', '1'], batch: 1 },
		{ args: ['--rate', '10', '--batch', '100'], batch: 100 }
	])('parseProducerArgs websocket batch for $args', ({ args, batch }) => {
		const result = parseProducerArgs(['websocket', ...args]);

		expect(result).toHaveProperty('options.batch', batch);
	});

	it('parseProducerArgs websocket port and host', () => {
		const result = parseProducerArgs(['websocket', '--port', '0', '--host', '::1']);

		expect(result).toHaveProperty('options.port', 0);
		expect(result).toHaveProperty('options.host', '::1');
	});
});
