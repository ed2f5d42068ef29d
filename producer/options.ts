import { parseArgs } from 'node:util';
import type { SimOptions } from '../src/lib/protocol';
import { validateSimOptions } from '../src/lib/sim/options';

/** Modes that run. */
export type ProducerMode = 'console' | 'file' | 'websocket' | 'http';

/**
 * Record shapes: the seed format, a nested variant, a Home Assistant-like event, and readings
 * from a fleet of devices that come online one after another.
 */
export const SHAPES = ['flat', 'nested', 'homeassistant', 'fleet'] as const;
export type RecordShape = (typeof SHAPES)[number];

/** Everything a producer run needs, parsed and checked. */
export interface ProducerOptions {
	mode: ProducerMode;
	sim: SimOptions;
	/** Seconds until the run stops, or null to run until the count is reached or a signal arrives. */
	durationS: number | null;
	/** Records after which the run stops, or null for no limit. */
	count: number | null;
	/** TCP port of the WebSocket server. 0 lets the system pick a free one. */
	port: number;
	host: string;
	/** Output path in file mode, null otherwise. */
	file: string | null;
	/** Share of messages, 0 to 1, replaced by invalid JSON to test readers. */
	garbageRate: number;
	/**
	 * Records per WebSocket message: 1 sends each record alone, more send JSON arrays of up to
	 * that many, and `tick` sends the records due in each send tick as one JSON array.
	 */
	batch: MessageBatch;
	shape: RecordShape;
	/** Devices of the fleet shape, 1 to 100. */
	devices: number;
	/** SSE event type in http mode, or null for unnamed events (type `message`). */
	event: string | null;
}

/** Records per WebSocket message: a fixed maximum, or every record due in one send tick. */
export type MessageBatch = number | 'tick';

/** Outcome of parsing the command line: options to run, a help request, or a usage error. */
export type ParseResult =
	{ kind: 'run'; options: ProducerOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const DEFAULT_PORT = 8765;
export const DEFAULT_HOST = '127.0.0.1';
/** Records that file mode writes when neither --count nor --duration is given. */
export const DEFAULT_FILE_COUNT = 10_000;
/** Devices of the fleet shape when --devices is not given. */
export const DEFAULT_DEVICES = 4;
/**
 * Highest rate in records/s at which `--batch auto` sends one record per message. Above it the
 * records due in one send tick share a message, as high-rate feeds batch their updates, because
 * each WebSocket message costs the sender and the browser far more than parsing its record.
 */
export const AUTO_BATCH_MAX_SINGLE_RATE = 1000;

const MODES = ['console', 'file', 'websocket', 'http'] as const;

const OPTIONS = {
	pattern: { type: 'string' },
	rate: { type: 'string' },
	duration: { type: 'string' },
	base: { type: 'string' },
	noise: { type: 'string' },
	'anomaly-rate': { type: 'string' },
	seed: { type: 'string' },
	port: { type: 'string' },
	host: { type: 'string' },
	file: { type: 'string' },
	count: { type: 'string' },
	'garbage-rate': { type: 'string' },
	batch: { type: 'string' },
	shape: { type: 'string' },
	devices: { type: 'string' },
	event: { type: 'string' },
	help: { type: 'boolean', short: 'h' }
} as const;

/** Options that only some modes use. Giving one to another mode is a usage error. */
const MODE_OPTIONS: Record<string, ProducerMode[]> = {
	port: ['websocket', 'http'],
	host: ['websocket', 'http'],
	file: ['file'],
	batch: ['websocket'],
	event: ['http']
};

const SEE_HELP = '; see --help';

/**
 * Returns one line for an error thrown by `parseArgs`, naming the option. Node's own messages
 * span several sentences and suggest `--` for positionals, which does not apply here.
 */
function describeParseError(error: unknown): string {
	const code = (error as { code?: string }).code;
	const message = error instanceof Error ? error.message : String(error);
	const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
	// The quoted part reads like `--rate <value>` or `-h, --help`: keep the long flag.
	const names = quoted.split(/[ ,]+/);
	const flag = names.find((name) => name.startsWith('--')) ?? names[0];

	switch (code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
			return `unknown option ${flag}${SEE_HELP}`;
		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
			if (message.includes('ambiguous')) {
				return `missing value for ${flag}; write ${flag}=VALUE for a value that starts with -`;
			}
			if (message.includes('does not take an argument')) {
				return `option ${flag} takes no value${SEE_HELP}`;
			}
			return `missing value for ${flag}${SEE_HELP}`;
		default:
			return message.split('\n')[0];
	}
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses an optional number flag. Returns `fallback` when the flag is absent, the number when
 * `isValid` accepts it, and otherwise an error that states `expected`.
 */
function parseNumberFlag<T extends number | null>(
	name: string,
	text: string | undefined,
	fallback: T,
	isValid: (value: number) => boolean,
	expected: string
): number | T | { error: string } {
	if (text === undefined) return fallback;

	const trimmed = text.trim();
	const value = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
	if (!Number.isFinite(value) || !isValid(value)) {
		return { error: `invalid --${name} ${JSON.stringify(text)}: expected ${expected}` };
	}
	return value;
}

function parseMode(positionals: string[]): ProducerMode | { error: string } {
	if (positionals.length === 0) {
		return { error: `missing MODE: expected ${MODES.join(', ')}${SEE_HELP}` };
	}
	if (positionals.length > 1) {
		return { error: `unexpected argument "${positionals[1]}" after MODE${SEE_HELP}` };
	}

	const mode = MODES.find((name) => name === positionals[0]);
	if (mode === undefined) {
		return { error: `unknown mode "${positionals[0]}": expected ${MODES.join(', ')}${SEE_HELP}` };
	}
	return mode;
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/**
 * Parses --batch: a number of records per message, or `auto` (the default), which sends one
 * record per message up to {@link AUTO_BATCH_MAX_SINGLE_RATE} records/s and above it the records
 * of each send tick together.
 */
function parseBatchFlag(text: string | undefined, rate: number): MessageBatch | { error: string } {
	if (text === undefined || text.trim() === 'auto') {
		return rate > AUTO_BATCH_MAX_SINGLE_RATE ? 'tick' : 1;
	}
	return parseNumberFlag(
		'batch',
		text,
		1,
		(value) => Number.isInteger(value) && value >= 1 && value <= 100_000,
		'auto or a whole number of records per message from 1 to 100000'
	);
}

/** Parses the flags that limit the run and place its output, which the simulator does not use. */
function parseRunFlags(
	mode: ProducerMode,
	values: ParsedValues,
	rate: number
): Omit<ProducerOptions, 'mode' | 'sim'> | { error: string } {
	const durationS = parseNumberFlag(
		'duration',
		values.duration,
		null,
		(value) => value > 0,
		'a number of seconds above 0'
	);
	if (typeof durationS === 'object' && durationS !== null) return durationS;

	const fileDefault = mode === 'file' && durationS === null ? DEFAULT_FILE_COUNT : null;
	const count = parseNumberFlag(
		'count',
		values.count,
		fileDefault,
		(value) => Number.isSafeInteger(value) && value >= 1,
		'a whole number of records from 1'
	);
	if (typeof count === 'object' && count !== null) return count;

	const port = parseNumberFlag(
		'port',
		values.port,
		DEFAULT_PORT,
		(value) => Number.isInteger(value) && value >= 0 && value <= 65535,
		'an integer from 0 to 65535 (0 picks a free port)'
	);
	if (typeof port === 'object') return port;

	const host = values.host ?? DEFAULT_HOST;
	if (host.trim() === '') {
		return { error: 'invalid --host "": expected an address such as 127.0.0.1' };
	}

	if (mode === 'file' && !values.file) {
		return { error: `missing --file PATH for file mode${SEE_HELP}` };
	}
	const file = mode === 'file' ? (values.file ?? null) : null;

	const garbageRate = parseNumberFlag(
		'garbage-rate',
		values['garbage-rate'],
		0,
		(value) => value >= 0 && value <= 1,
		'a share of messages from 0 to 1'
	);
	if (typeof garbageRate === 'object') return garbageRate;

	const batch = parseBatchFlag(values.batch, rate);
	if (typeof batch === 'object') return batch;

	const shape = SHAPES.find((name) => name === (values.shape ?? 'flat'));
	if (shape === undefined) {
		return {
			error: `unknown --shape "${values.shape}": expected ${SHAPES.join(', ')}${SEE_HELP}`
		};
	}

	const devices = parseNumberFlag(
		'devices',
		values.devices,
		DEFAULT_DEVICES,
		(value) => Number.isInteger(value) && value >= 1 && value <= 100,
		'a whole number of devices from 1 to 100'
	);
	if (typeof devices === 'object') return devices;
	if (values.devices !== undefined && shape !== 'fleet') {
		return { error: `--devices applies only to --shape fleet${SEE_HELP}` };
	}

	// Event types are one line of text in SSE; an empty one would mean `message` anyway.
	const event = values.event ?? null;
	if (event !== null && (event === '' || /[\r\n]/.test(event))) {
		return { error: `invalid --event ${JSON.stringify(event)}: expected one line of text` };
	}

	return { durationS, count, port, host, file, garbageRate, batch, shape, devices, event };
}

/**
 * Parses the producer's command line (without `node` and the script path) into checked
 * options. Every error is one line that names the option or value, without the `producer:`
 * prefix.
 */
export function parseProducerArgs(args: string[]): ParseResult {
	let parsed;
	try {
		parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
	} catch (error) {
		return { kind: 'error', message: describeParseError(error) };
	}

	const { values, positionals } = parsed;
	if (values.help) return { kind: 'help' };

	const mode = parseMode(positionals);
	if (typeof mode !== 'string') return { kind: 'error', message: mode.error };

	for (const [name, owners] of Object.entries(MODE_OPTIONS)) {
		if (name in values && !owners.includes(mode)) {
			const modes = owners.join(' and ');
			return { kind: 'error', message: `--${name} applies only to ${modes} mode${SEE_HELP}` };
		}
	}

	const sim = validateSimOptions({
		pattern: values.pattern,
		rate: values.rate,
		base: values.base,
		noise: values.noise,
		anomalyRate: values['anomaly-rate'],
		seed: values.seed
	});
	if ('error' in sim) return { kind: 'error', message: sim.error };

	const run = parseRunFlags(mode, values, sim.options.rate);
	if ('error' in run) return { kind: 'error', message: run.error };

	return { kind: 'run', options: { mode, sim: sim.options, ...run } };
}
