let requested = false;

/**
 * Asks the browser once per page to keep this origin's storage under pressure, so that recorded
 * sessions are not evicted. Browsers may grant it silently, prompt, or refuse.
 */
export async function requestPersistentStorage(): Promise<boolean> {
	if (requested || !navigator.storage?.persist) return false;
	requested = true;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}
