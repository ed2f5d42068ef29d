/**
 * `npm run analyze -- FILE [--detector NAME] [--value PATH] [--time PATH] [--time-unit UNIT]
 * [--booleans] [--lenient]`: runs one
 * detector over a JSON Lines or CSV file and prints one JSON line per record with `timestamp`
 * (ISO 8601, UTC), `value`, `score` and `anomaly`. NaN prints as null. Rejected lines go to
 * standard error with their line number, and the good records are still analysed.
 * With `--lenient`, NaN and Infinity tokens are read as the dashboard's `lenient=1` reads them,
 * and each line read that way is listed on standard error as a warning. An infinite value
 * prints as the string "Infinity" or "-Infinity", as the history export writes it.
 * `--time-unit` and `--booleans` read times and values as the dashboard's `time-unit=` and
 * `booleans=1` do.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_DETECTOR, DETECTORS } from '../src/lib/analysis/detectors';
import { EPOCH_UNITS, type EpochUnit } from '../src/lib/mapping/coerce-time';
import { loadSeries } from '../src/lib/mapping/load-series';

/** Advice on setting the unit of epoch times here, which ends the messages about them. */
const UNIT_HINT = 'set the unit with --time-unit s, ms, us or ns';

const USAGE = `Usage: npm run analyze -- FILE [--detector NAME] [--value PATH] [--time PATH]
         [--time-unit UNIT] [--booleans] [--lenient]

  FILE              JSON Lines file, or CSV with a header row when the name ends in .csv
  --detector NAME   one of: ${Object.keys(DETECTORS).join(', ')} (default ${DEFAULT_DETECTOR})
  --value PATH      dotted path of the value field (default: inferred)
  --time PATH       dotted path of the time field (default: inferred)
  --time-unit UNIT  unit of numeric times: s, ms, us or ns (default: by each value's size, so
                    below 1e11 seconds, below 1e14 milliseconds, and so on)
  --booleans        read true and false in the value field as 1 and 0 instead of gaps
  --lenient         read NaN as a gap and Infinity as a value no detector counts, instead of
                    rejecting the line (JSON allows neither)`;

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

/** Ends on a problem with the file's data, which the usage text would only bury. */
function failOnData(message: string): never {
	console.error(message);
	process.exit(2);
}

// A closed pipe (`| head`) is a normal end, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

function main(): void {
	let parsed;
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: {
				detector: { type: 'string', default: DEFAULT_DETECTOR },
				value: { type: 'string' },
				time: { type: 'string' },
				'time-unit': { type: 'string' },
				booleans: { type: 'boolean', default: false },
				lenient: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (error) {
		fail((error as Error).message);
	}
	const { values: options, positionals } = parsed;
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	if (positionals.length !== 1) fail(`expected one FILE, got ${positionals.length}`);
	const detector = DETECTORS[options.detector];
	if (!detector) fail(`unknown detector "${options.detector}"`);

	const timeUnit = options['time-unit'];
	if (timeUnit !== undefined && !(EPOCH_UNITS as string[]).includes(timeUnit)) {
		fail(
			`invalid --time-unit "${timeUnit}": expected s, ms, us or ns (epoch seconds, ` +
				'milliseconds, microseconds or nanoseconds)'
		);
	}

	const file = positionals[0];
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		failOnData(`cannot read ${file}: ${(error as Error).message}`);
	}
	let series;
	try {
		series = loadSeries(text, file, {
			value: options.value,
			time: options.time,
			lenient: options.lenient,
			timeUnit: timeUnit as EpochUnit | undefined,
			booleansAsNumbers: options.booleans,
			unitHint: UNIT_HINT
		});
	} catch (error) {
		failOnData((error as Error).message);
	}
	for (const error of series.errors) {
		const kind = error.severity === 'warning' ? 'warning: ' : '';
		console.error(`${file}:${error.line}: ${kind}${error.message}`);
	}

	if (series.mapping.time === null) {
		console.error(
			`${file}: warning: no time field found, so every timestamp is null and the records ` +
				'keep file order; choose one with --time PATH'
		);
	}
	const { score, anomaly, note } = detector(series.values, series.time);
	if (note !== undefined) console.error(`${file}: warning: ${options.detector}: ${note}`);
	const finite = (x: number) => (Number.isFinite(x) ? x : null);
	const valueOf = (x: number) => (x === Infinity || x === -Infinity ? String(x) : finite(x));
	const out: string[] = [];
	for (let i = 0; i < series.values.length; i++) {
		const time = series.time[i];
		const record = {
			timestamp:
				series.mapping.time !== null && Number.isFinite(time) ? new Date(time).toISOString() : null,
			value: valueOf(series.values[i]),
			score: finite(score[i]),
			anomaly: anomaly[i] === 1
		};
		out.push(JSON.stringify(record));
		if (out.length === 10_000) {
			process.stdout.write(`${out.join('\n')}\n`);
			out.length = 0;
		}
	}
	if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
}

main();
