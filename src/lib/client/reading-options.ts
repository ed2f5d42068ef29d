import { EPOCH_UNITS, type EpochUnit } from '../mapping/coerce-time';
import type { DuplicatePolicy } from '../protocol';
import type { MappingChoice } from '../sources/record-pipeline';

/** A reading option taken from a URL parameter, or the message that explains why it is invalid. */
export type ParamReading<T> = { value: T; problem?: undefined } | { problem: string };

/** Choices of an Epoch unit control, with the labels the dashboard and the analysis page show. */
export const EPOCH_UNIT_OPTIONS: readonly { value: EpochUnit | ''; label: string }[] = [
	{ value: '', label: 'by size of each value' },
	{ value: 's', label: 'seconds' },
	{ value: 'ms', label: 'milliseconds' },
	{ value: 'us', label: 'microseconds' },
	{ value: 'ns', label: 'nanoseconds' }
];

/** Tooltip of an Epoch unit control. */
export const EPOCH_UNIT_TITLE =
	'Unit of numeric times in the time field; ISO dates are read as they are';

/** Advice on setting the epoch unit on the analysis page, which ends the messages about epochs. */
export const ANALYSIS_UNIT_HINT =
	'set the unit with Epoch unit next to Time field, or with time-unit=s, ms, us or ns in the ' +
	"analysis page's address";

/** Options of a mapping choice that `lenient=`, `duplicates=` and `booleans=` set. */
export type ReadingChoice = Pick<MappingChoice, 'lenient' | 'duplicates' | 'booleansAsNumbers'>;

/** Label of a control that reads NaN and Infinity tokens, as `lenient=1` does. */
export const LENIENT_LABEL =
	'Read NaN and Infinity, which JSON does not allow: NaN as a gap, ±Infinity kept out of ' +
	'every figure';

/** Tooltip of a control that reads NaN and Infinity tokens. */
export const LENIENT_TITLE =
	'Without this, a line that contains NaN, Infinity or -Infinity is rejected and listed';

/** Label of a control that reads true and false as 1 and 0, as `booleans=1` does. */
export const BOOLEANS_LABEL = 'Read true and false as 1 and 0';

/** Tooltip of a control that reads true and false in value fields as 1 and 0. */
export const BOOLEANS_TITLE =
	'For a switch or an alarm flag in a value field; without this, true and false are gaps';

/** Choices of an Equal times control, as `duplicates=` sets them. */
export const DUPLICATE_OPTIONS: readonly { value: DuplicatePolicy; label: string }[] = [
	{ value: 'last', label: 'keep the last' },
	{ value: 'all', label: 'keep every record' }
];

/** Tooltip of an Equal times control. */
export const DUPLICATES_TITLE =
	'Records with the same time and category: the last replaces the others, as a corrected ' +
	'reading does, or every record is kept, exact repeats included. Ties on arrival time, or on a ' +
	'clock that counts whole seconds, are kept either way.';

/**
 * Reads a `time-unit=` parameter. Absent or blank gives undefined, so each epoch value is read
 * in the unit its size suggests.
 */
export function readTimeUnitParam(text: string | null): ParamReading<EpochUnit | undefined> {
	if (text === null || text === '') return { value: undefined };
	if ((EPOCH_UNITS as string[]).includes(text)) return { value: text as EpochUnit };
	return {
		problem:
			`invalid time-unit "${text}": expected s, ms, us or ns for epoch seconds, ` +
			'milliseconds, microseconds or nanoseconds, or none to tell each value by its size'
	};
}

/**
 * Reads a `booleans=` parameter. 1 or true reads true and false in value fields as 1 and 0, and
 * 0, false or none leaves them gaps.
 */
export function readBooleansParam(text: string | null): ParamReading<boolean> {
	if (text === null || text === '0' || text === 'false') return { value: false };
	if (text === '1' || text === 'true') return { value: true };
	return {
		problem:
			`invalid booleans "${text}": expected 1 to read true and false as 1 and 0 in ` +
			'value fields, or 0 to count them as gaps'
	};
}

/** Reading options of the analysis page's file, as its address sets them. */
export interface AnalysisReadingOptions {
	/** Whether NaN and Infinity tokens are read, as `lenient=1` does on the dashboard. */
	lenient: boolean;
	/** Unit of numeric times; undefined reads each value in the unit its size suggests. */
	timeUnit: EpochUnit | undefined;
	/** Whether true and false in the value field are read as 1 and 0. */
	booleansAsNumbers: boolean;
}

/**
 * Reads `lenient=`, `time-unit=` and `booleans=` from the analysis page's address. An invalid
 * parameter keeps its default and adds a message that names it and the values it takes.
 */
export function readAnalysisOptions(params: URLSearchParams): {
	options: AnalysisReadingOptions;
	problems: string[];
} {
	const problems: string[] = [];
	const options: AnalysisReadingOptions = {
		lenient: false,
		timeUnit: undefined,
		booleansAsNumbers: false
	};

	const lenient = params.get('lenient');
	if (lenient === '1' || lenient === 'true') options.lenient = true;
	else if (lenient !== null && lenient !== '0' && lenient !== 'false')
		problems.push(`invalid lenient "${lenient}": expected 1 to read NaN and Infinity, or 0`);

	const timeUnit = readTimeUnitParam(params.get('time-unit'));
	if (timeUnit.problem === undefined) options.timeUnit = timeUnit.value;
	else problems.push(timeUnit.problem);

	const booleans = readBooleansParam(params.get('booleans'));
	if (booleans.problem === undefined) options.booleansAsNumbers = booleans.value;
	else problems.push(booleans.problem);

	return { options, problems };
}
