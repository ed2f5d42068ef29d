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
		{ args: ['http'], error: 'http mode is not available yet; use console, file or websocket' },
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
			error: '--port applies only to websocket mode; see --help'
		},
		{
			args: ['console', '--host', '::1'],
			error: '--host applies only to websocket mode; see --help'
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
				batch: 1
			}
		});
	});

	it('parseProducerArgs reads --batch', () => {
		expect(parseProducerArgs(['websocket', '--batch', '100'])).toHaveProperty('options.batch', 100);
	});

	it.each([
		{ args: ['websocket', '--batch', '0'], error: 'invalid --batch "0"' },
		{ args: ['websocket', '--batch', '1.5'], error: 'invalid --batch "1.5"' },
		{ args: ['console', '--batch', '10'], error: '--batch applies only to websocket mode' }
	])('parseProducerArgs rejects $args', ({ args, error }) => {
		const result = parseProducerArgs(args);
		expect(result.kind).toBe('error');
		expect(result).toHaveProperty('message', expect.stringContaining(error));
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

	it('parseProducerArgs websocket port and host', () => {
		const result = parseProducerArgs(['websocket', '--port', '0', '--host', '::1']);

		expect(result).toHaveProperty('options.port', 0);
		expect(result).toHaveProperty('options.host', '::1');
	});
});
