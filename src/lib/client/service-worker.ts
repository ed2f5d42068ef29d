import { registerSW } from 'virtual:pwa-register';

/** Callbacks for service worker registration events. */
export interface ServiceWorkerEvents {
	/** A new version is installed and waiting; the page should offer a reload. */
	onUpdateWaiting: () => void;
	/** The app is cached and works offline from now on. */
	onOfflineReady?: () => void;
}

/**
 * Registers the service worker and reports a waiting update. Returns the function that
 * activates the waiting version; the page then reloads once, when the new version controls it.
 *
 * A worker already waiting at registration counts too: a version installed during an earlier
 * visit would otherwise wait unseen for as long as any tab stays open.
 */
export function registerServiceWorker(events: ServiceWorkerEvents): () => void {
	if (!('serviceWorker' in navigator)) return () => location.reload();

	let requested = false;
	let reloading = false;
	let registration: ServiceWorkerRegistration | undefined;
	const reloadOnce = () => {
		if (reloading) return;
		reloading = true;
		location.reload();
	};
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		// The first install also changes the controller (clientsClaim) and must not reload.
		if (requested) reloadOnce();
	});

	// NOTE: headless Chromium starts no update check while the page repaints every frame. With
	// the chart refreshed every 500 ms it does. A browser drawing on the GPU was not tried.
	const checkForUpdate = () => {
		if (document.visibilityState === 'visible') void registration?.update().catch(() => {});
	};

	const activate = registerSW({
		immediate: true,
		onNeedRefresh: events.onUpdateWaiting,
		onOfflineReady: events.onOfflineReady,
		// Without this the plugin reloads by itself; the controllerchange listener does it here.
		onNeedReload: () => {},
		onRegisteredSW(_url, registered) {
			registration = registered;
			if (registered?.waiting && navigator.serviceWorker.controller) events.onUpdateWaiting();
			// Browsers look for a new version on navigation. Looking again when the user returns
			// to the tab finds a deployment sooner. A new version installs, then waits for the user.
			document.addEventListener('visibilitychange', checkForUpdate);
		}
	});

	return () => {
		requested = true;
		// With nothing waiting (another tab activated it), no controllerchange will come.
		if (!registration?.waiting) {
			reloadOnce();
			return;
		}
		void activate(true);
	};
}
