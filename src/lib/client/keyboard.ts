/**
 * Tests whether a key press belongs to a form control or editable text, where a shortcut must
 * not fire: space in a text box types a space and on a button presses it.
 */
export function isEditingTarget(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	return ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'].includes(target.tagName);
}
