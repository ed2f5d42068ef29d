import { parseErrorReason } from '../ingest/json-line';
import type { AlertRule } from './rule';
import { validateRule } from './validate-rule';

/** localStorage key of the saved rules. */
export const ALERT_STORAGE_KEY = 'streamlens.alert-rules';

/** Format version of the saved rules; raise it when a saved rule changes shape. */
export const ALERT_STORAGE_VERSION = 1;

/** Rules read back from storage, and a message for each part that could not be used. */
export interface SavedRules {
	rules: AlertRule[];
	problems: string[];
}

/** Serialises rules for localStorage, with the format version. */
export function serializeRules(rules: readonly AlertRule[]): string {
	return JSON.stringify({ version: ALERT_STORAGE_VERSION, rules });
}

/**
 * Reads rules saved by `serializeRules`. Nothing saved gives no rules and no problems. An
 * invalid rule is dropped and reported with its position; the valid ones are kept.
 */
export function parseSavedRules(text: string | null): SavedRules {
	if (text === null) return { rules: [], problems: [] };
	let saved: unknown;
	try {
		saved = JSON.parse(text);
	} catch (error) {
		// The engine's message quotes the saved text, so only its printable reason is shown.
		const reason = parseErrorReason(error);
		const detail = reason.length === 0 ? '' : ` (${reason})`;
		return {
			rules: [],
			problems: [`Saved alert rules are not valid JSON${detail}; none loaded.`]
		};
	}
	if (typeof saved !== 'object' || saved === null || !('version' in saved)) {
		return { rules: [], problems: ['Saved alert rules have no format version; none loaded.'] };
	}
	const { version, rules } = saved as { version: unknown; rules?: unknown };
	if (version !== ALERT_STORAGE_VERSION) {
		return {
			rules: [],
			problems: [
				`Saved alert rules have format version ${JSON.stringify(version)}, but this version of ` +
					`Streamlens reads version ${ALERT_STORAGE_VERSION}; none loaded.`
			]
		};
	}
	if (!Array.isArray(rules)) {
		return { rules: [], problems: ['Saved alert rules contain no list of rules; none loaded.'] };
	}

	const kept: AlertRule[] = [];
	const problems: string[] = [];
	const ids = new Set<string>();
	rules.forEach((input, index) => {
		const checked = validateRule(input);
		if ('error' in checked) {
			problems.push(`Saved alert rule ${index + 1} was dropped: ${checked.error}.`);
		} else if (ids.has(checked.rule.id)) {
			problems.push(`Saved alert rule ${index + 1} was dropped: its id repeats an earlier rule.`);
		} else {
			ids.add(checked.rule.id);
			kept.push(checked.rule);
		}
	});
	return { rules: kept, problems };
}
