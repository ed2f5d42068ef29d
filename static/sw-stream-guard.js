// Loaded by the service worker before Workbox sets up its routes. A request handled here gets
// no respondWith, so the browser fetches it from the network itself and the service worker
// never keeps a long-lived stream open. A worker busy with a stream can keep an update
// waiting for as long as the dashboard stays open.
self.addEventListener('fetch', (event) => {
	const request = event.request;
	const accept = request.headers.get('accept') ?? '';
	const streaming =
		accept.includes('text/event-stream') ||
		accept.includes('application/x-ndjson') ||
		accept.includes('application/stream+json');
	const crossOrigin = new URL(request.url).origin !== self.location.origin;
	if (streaming || crossOrigin) event.stopImmediatePropagation();
});
