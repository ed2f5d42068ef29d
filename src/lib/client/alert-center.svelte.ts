import { AlertEvaluator } from '$lib/alerts/alert-evaluator';
import { formatEventText, type AlertEvent, type AlertRule } from '$lib/alerts/rule';
import { ALERT_STORAGE_KEY, parseSavedRules, serializeRules } from '$lib/alerts/storage';
import type { DigestQuery, StreamDigest } from '$lib/protocol';
import { formatTooltipTime } from '../chart/time-ticks';

/** Recent events kept in the list; older ones are dropped. */
const MAX_EVENTS = 20;

/** Banners shown at once, one per rule; the oldest gives way to a newer one. */
const MAX_BANNERS = 5;

/** How often the rules are evaluated, ms. Independent of the chart's refresh interval. */
export const ALERT_POLL_MS = 500;

export type NotificationState = NotificationPermission | 'unsupported';

/**
 * The page's alert rules, their recent events and the banners on screen. It saves the rules in
 * localStorage, evaluates them against the analysis worker's digests and sends a system
 * notification on each firing when the user has allowed it.
 */
export class AlertCenter {
	rules = $state<AlertRule[]>([]);
	/** Newest first. */
	events = $state<AlertEvent[]>([]);
	/** Events not dismissed yet, newest first. */
	banners = $state<AlertEvent[]>([]);
	/** Messages about saved rules that could not be read or written. */
	problems = $state<string[]>([]);
	notifications = $state<NotificationState>('unsupported');
	#evaluator = new AlertEvaluator();
	#storage: Storage | null = null;

	/** Reads the saved rules and the notification permission. Call it from onMount. */
	load(storage: Storage): void {
		this.#storage = storage;
		const saved = parseSavedRules(storage.getItem(ALERT_STORAGE_KEY));
		this.rules = saved.rules;
		this.problems = saved.problems;
		if ('Notification' in window) this.notifications = Notification.permission;
	}

	/** Adds a rule, or replaces the rule with the same id; it starts armed. */
	save(rule: AlertRule): void {
		const index = this.rules.findIndex((r) => r.id === rule.id);
		if (index === -1) this.rules.push(rule);
		else this.rules[index] = rule;
		this.#evaluator.forget(rule.id);
		this.#persist();
	}

	remove(id: string): void {
		this.rules = this.rules.filter((rule) => rule.id !== id);
		this.#evaluator.forget(id);
		this.#persist();
	}

	setEnabled(id: string, enabled: boolean): void {
		const rule = this.rules.find((r) => r.id === id);
		if (rule) this.save({ ...rule, enabled });
	}

	dismiss(eventId: number): void {
		this.banners = this.banners.filter((event) => event.id !== eventId);
	}

	/** Requests notification permission. Call it only from a click, never on page load. */
	async requestNotifications(): Promise<void> {
		if (!('Notification' in window)) return;
		this.notifications = await Notification.requestPermission();
	}

	/**
	 * Evaluates the rules every ALERT_POLL_MS against `fetchDigest`, which returns null while
	 * there is no pipeline. Returns a function that stops it.
	 */
	start(fetchDigest: (query: DigestQuery) => Promise<StreamDigest | null>): () => void {
		let busy = false;
		const timer = setInterval(async () => {
			if (busy) return;
			busy = true;
			try {
				const rules = $state.snapshot(this.rules) as AlertRule[];
				const digest = await fetchDigest(this.#evaluator.query(rules));
				if (digest !== null) this.#publish(this.#evaluator.evaluate(rules, digest, Date.now()));
			} catch (error) {
				console.error('alerts: could not evaluate the rules:', error);
			} finally {
				busy = false;
			}
		}, ALERT_POLL_MS);
		return () => clearInterval(timer);
	}

	#publish(fired: AlertEvent[]): void {
		if (fired.length === 0) return;
		const newest = [...fired].reverse();
		this.events = [...newest, ...this.events].slice(0, MAX_EVENTS);
		// A rule shows one banner: its newest firing replaces the one before.
		const firedRules = fired.map((event) => event.ruleId);
		const older = this.banners.filter((event) => !firedRules.includes(event.ruleId));
		this.banners = [...newest, ...older].slice(0, MAX_BANNERS);
		for (const event of fired) this.#notify(event);
	}

	#notify(event: AlertEvent): void {
		if (!('Notification' in window)) return;
		// Read again each time, because the user can change it in the browser's settings.
		this.notifications = Notification.permission;
		if (Notification.permission !== 'granted') return;
		const title = `Streamlens alert: ${event.rule}`;
		const options = {
			body: formatEventText(event, formatTooltipTime),
			tag: event.ruleId
		};
		try {
			new Notification(title, options);
		} catch {
			// Chrome on Android only shows notifications through a service worker registration.
			// NOTE: no test runs this path, because desktop Chromium accepts the constructor.
			void navigator.serviceWorker?.ready.then((registration) =>
				registration.showNotification(title, options)
			);
		}
	}

	#persist(): void {
		if (this.#storage === null) return;
		try {
			this.#storage.setItem(ALERT_STORAGE_KEY, serializeRules($state.snapshot(this.rules)));
		} catch (error) {
			const message = `Could not save alert rules: ${(error as Error).message}. They last until reload.`;
			if (!this.problems.includes(message)) this.problems = [...this.problems, message];
		}
	}
}
