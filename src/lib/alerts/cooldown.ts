import type { Condition } from './rule-condition';

/** State a rule keeps between evaluations. */
export interface FiringState {
	/** The condition has been clear since the last firing, or the rule never fired. */
	armed: boolean;
	/** Time of the last firing, ms; null before the first. */
	lastFiredAt: number | null;
}

export const INITIAL_FIRING_STATE: FiringState = { armed: true, lastFiredAt: null };

/**
 * Decides whether a rule fires, and returns its next state.
 *
 * A rule fires when its condition is met, it is armed, and at least `cooldownMs` have passed
 * since its last firing. Firing disarms it, so a condition that stays met fires once. The rule
 * re-arms once the condition is seen clear. A condition that clears and returns within the
 * cooldown fires when the cooldown ends, if it still holds then.
 */
export function stepFiring(
	state: FiringState,
	condition: Condition,
	cooldownMs: number,
	now: number
): { state: FiringState; fire: boolean } {
	const cooled = state.lastFiredAt === null || now - state.lastFiredAt >= cooldownMs;
	const fire = condition.met && state.armed && cooled;
	const lastFiredAt = fire ? now : state.lastFiredAt;
	// Cleared wins over a firing in the same step: the value came back inside the digest.
	const armed = condition.cleared || (state.armed && !fire);
	return { state: { armed, lastFiredAt }, fire };
}
