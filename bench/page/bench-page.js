// Helpers the benchmark injects into the page under test as a classic script, so they use no
// imports. They generate data, feed it to the app, run the references and collect timings.
// Everything is reachable as `window.streamlensBench`.
(() => {
	/** Mulberry32: a small seeded generator, so every run sees the same data. */
	function seededRandom(seed) {
		let state = seed >>> 0;
		return () => {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}

	const categories = ['A', 'B', 'C', 'D', 'E'];
	const locations = ['building_a', 'building_b', 'building_c'];
	/** 2024-01-01T00:00:00 in epoch seconds; times carry no zone, as in the seed format. */
	const startSeconds = 1704067200;
	const linesPerPart = 10_000;

	function signal(i, random) {
		return 50 + 10 * Math.sin(i / 500) + (random() - 0.5) * 4;
	}

	/**
	 * Yields a seed-format JSON Lines text, one record per second, in parts of 10,000 lines until
	 * at least `targetBytes`. Each part is `{ text, records }`, with the count of records so far.
	 * `bench/seed-file.ts` runs this script in Node to write the same records to a file.
	 */
	function* seedFormatParts(targetBytes) {
		const random = seededRandom(42);
		let bytes = 0;
		let records = 0;
		while (bytes < targetBytes) {
			const lines = [];
			for (let k = 0; k < linesPerPart; k++, records++) {
				const timestamp = new Date((startSeconds + records) * 1000).toISOString().slice(0, 19);
				const value = Math.round(signal(records, random) * 100) / 100;
				const anomalous = random() < 0.01;
				lines.push(
					JSON.stringify({
						timestamp,
						value: anomalous ? value + 40 : value,
						category: categories[records % categories.length],
						status: anomalous ? 'anomaly' : 'normal',
						metadata: {
							source: `sensor_${records % 7}`,
							location: locations[records % locations.length]
						}
					})
				);
			}
			const text = lines.join('\n') + '\n';
			// Every character is ASCII, so the string length is the byte length.
			bytes += text.length;
			yield { text, records };
		}
	}

	/**
	 * Builds a seed-format JSON Lines Blob of at least `targetBytes` (see `seedFormatParts`).
	 * Returns the Blob and its record count.
	 */
	function seedFormatFile(targetBytes) {
		const parts = [];
		let records = 0;
		for (const part of seedFormatParts(targetBytes)) {
			parts.push(part.text);
			records = part.records;
		}
		return { blob: new Blob(parts, { type: 'application/x-ndjson' }), records };
	}

	/**
	 * Builds `count` points one second apart as compact JSON Lines, and keeps the same points
	 * as arrays for the uPlot reference.
	 */
	function compactPoints(count) {
		const random = seededRandom(7);
		const seconds = new Float64Array(count);
		const values = new Float64Array(count);
		const parts = [];
		for (let start = 0; start < count; start += linesPerPart) {
			const lines = [];
			for (let i = start; i < Math.min(count, start + linesPerPart); i++) {
				seconds[i] = startSeconds + i;
				values[i] = Math.round(signal(i, random) * 1000) / 1000;
				lines.push(`{"timestamp":${seconds[i]},"value":${values[i]}}`);
			}
			parts.push(lines.join('\n') + '\n');
		}
		return { blob: new Blob(parts, { type: 'application/x-ndjson' }), seconds, values };
	}

	function readCounter(testid) {
		const element = document.querySelector(`[data-testid="${testid}"]`);
		return element ? element.getAttribute('data-value') : null;
	}

	function nextFrame() {
		return new Promise((resolve) => requestAnimationFrame(resolve));
	}

	/** Main-thread long tasks, recorded from `watchLongTasks()` on. */
	const longTasks = [];
	let longTaskObserver = null;

	function watchLongTasks() {
		longTasks.length = 0;
		longTaskObserver?.disconnect();
		longTaskObserver = new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) longTasks.push(entry.duration);
		});
		longTaskObserver.observe({ type: 'longtask' });
	}

	/**
	 * Gives `blob` to the app's file input, as a user picking a file would, and waits until the
	 * status is `done` and the record count equals `expected`. Returns the time it took.
	 */
	async function ingestIntoApp(blob, name, expected, timeoutMs) {
		const input = document.querySelector('input[type=file]');
		if (!input) throw new Error('file input not found: open the page with ?source=file');
		const transfer = new DataTransfer();
		transfer.items.add(new File([blob], name, { type: blob.type }));

		watchLongTasks();
		const start = performance.now();
		input.files = transfer.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
		return waitForIngest(start, expected, timeoutMs);
	}

	/** Time of the file input's next change event, set by `armFileInput`. */
	let changedAt = null;

	/**
	 * Watches long tasks and notes the time of the file input's next change event, for a file that
	 * the benchmark sets from outside the page (Playwright's setInputFiles with a path).
	 */
	function armFileInput() {
		const input = document.querySelector('input[type=file]');
		if (!input) throw new Error('file input not found: open the page with ?source=file');
		changedAt = null;
		watchLongTasks();
		// Capture on the window runs before the app's own listener on the input.
		const note = (event) => {
			if (event.target !== input) return;
			changedAt = performance.now();
			window.removeEventListener('change', note, true);
		};
		window.addEventListener('change', note, true);
	}

	/** After `armFileInput` and setting the file: waits as `ingestIntoApp` does, from the change. */
	async function waitForArmedIngest(expected, timeoutMs) {
		const armed = performance.now();
		while (changedAt === null) {
			if (performance.now() - armed > 10_000) throw new Error('the file input never changed');
			await nextFrame();
		}
		return waitForIngest(changedAt, expected, timeoutMs);
	}

	/**
	 * Waits until the status is `done` and the record count equals `expected`, checked each
	 * animation frame. Returns the time from `start`, or NaN when the count stays wrong for 2 s
	 * after `done` or `timeoutMs` passes.
	 */
	async function waitForIngest(start, expected, timeoutMs) {
		let doneAt = null;
		for (;;) {
			await nextFrame();
			const now = performance.now();
			const status = readCounter('source-status');
			const count = Number(readCounter('record-count'));
			if (status === 'done' && count === expected) {
				return { ms: now - start, count, status, longTasks: [...longTasks] };
			}
			if (status === 'done' || status === 'error') doneAt ??= now;
			// A count that stays wrong after `done` will not become right: stop waiting.
			if ((doneAt !== null && now - doneAt > 2000) || now - start > timeoutMs) {
				return { ms: NaN, count, status, longTasks: [...longTasks] };
			}
		}
	}

	/** The reference: read, decode, split lines and JSON.parse each, in a worker, nothing else. */
	const referenceWorkerSource = `
self.onmessage = async (event) => {
	const reader = event.data.stream().getReader();
	const decoder = new TextDecoder();
	let partial = '';
	let records = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		const text = partial + decoder.decode(value, { stream: true });
		let position = 0;
		let end;
		while ((end = text.indexOf('\\n', position)) !== -1) {
			if (end > position && JSON.parse(text.slice(position, end)) !== null) records++;
			position = end + 1;
		}
		partial = text.slice(position);
	}
	const rest = partial + decoder.decode();
	if (rest.trim() !== '' && JSON.parse(rest) !== null) records++;
	self.postMessage(records);
};`;

	/** Runs the reference on `blob` and returns its time, from posting to the reply. */
	async function referenceIngest(blob) {
		const url = URL.createObjectURL(new Blob([referenceWorkerSource], { type: 'text/javascript' }));
		const worker = new Worker(url);
		// One round trip first, so that starting the worker is not timed. A worker that cannot
		// start (a Content-Security-Policy, say) fires error, and the run stops with its message.
		await new Promise((resolve, reject) => {
			worker.onmessage = resolve;
			worker.onerror = (event) =>
				reject(new Error(`reference worker failed: ${event.message || 'blocked or invalid'}`));
			worker.postMessage(new Blob(['{}\n']));
		});
		const start = performance.now();
		const records = await new Promise((resolve) => {
			worker.onmessage = (event) => resolve(event.data);
			worker.postMessage(blob);
		});
		const ms = performance.now() - start;
		worker.terminate();
		URL.revokeObjectURL(url);
		return { ms, records };
	}

	/** Frame-to-frame times from requestAnimationFrame, and record counts over time. */
	let frameRecorder = null;

	function recordFrames() {
		const recorder = { deltas: [], counts: [], running: true };
		let last = null;
		const step = (now) => {
			if (!recorder.running) return;
			if (last !== null) recorder.deltas.push(now - last);
			last = now;
			recorder.counts.push([now, Number(readCounter('record-count'))]);
			requestAnimationFrame(step);
		};
		requestAnimationFrame(step);
		frameRecorder = recorder;
	}

	function stopFrames() {
		const recorder = frameRecorder;
		if (!recorder) return { deltas: [], counts: [] };
		recorder.running = false;
		frameRecorder = null;
		return { deltas: recorder.deltas, counts: recorder.counts };
	}

	/** User-timing measures the app writes, collected by name from `watchMeasures()` on. */
	const measures = [];
	let measureObserver = null;

	let refreshFrame = 0;

	/**
	 * Collects the app's measures and, because an idle dashboard requests no views, sends the
	 * app's `streamlens:refresh-view` event on every animation frame so that each frame does the
	 * whole view query and draw. `takeMeasures` stops both.
	 */
	function watchMeasures() {
		measures.length = 0;
		measureObserver?.disconnect();
		cancelAnimationFrame(refreshFrame);
		const refresh = () => {
			dispatchEvent(new Event('streamlens:refresh-view'));
			refreshFrame = requestAnimationFrame(refresh);
		};
		refreshFrame = requestAnimationFrame(refresh);
		measureObserver = new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				measures.push({ name: entry.name, start: entry.startTime, ms: entry.duration });
			}
		});
		measureObserver.observe({ type: 'measure' });
	}

	function takeMeasures() {
		cancelAnimationFrame(refreshFrame);
		const taken = [...measures];
		measures.length = 0;
		return taken;
	}

	/** Size in CSS pixels of the app's chart, for a same-sized uPlot. */
	function chartSize() {
		const box = document.querySelector('[data-testid="timeseries"]').getBoundingClientRect();
		return { width: Math.floor(box.width), height: Math.floor(box.height) };
	}

	/**
	 * Draws `seconds`/`values` with uPlot (loaded by the caller as `window.uPlot`) in a chart of
	 * the app's size, `repeats` times, and returns each draw's time: from handing over the data
	 * (or the zoomed x range) to uPlot's `draw` hook.
	 */
	async function drawWithUplot(data, repeats, zoomSeconds) {
		const { width, height } = chartSize();
		const host = document.createElement('div');
		host.style.cssText = `position:fixed;left:0;top:0;width:${width}px;height:${height}px`;
		document.body.append(host);

		let drawn = null;
		const options = {
			width,
			height,
			legend: { show: false },
			cursor: { show: false },
			scales: { x: { time: true } },
			series: [{}, { stroke: '#2563eb', width: 1.5 }],
			hooks: { draw: [() => drawn?.()] }
		};
		const xs = Array.from(data.seconds);
		const ys = Array.from(data.values);
		const chart = new window.uPlot(options, [[], []], host);
		const last = xs[xs.length - 1];

		const times = [];
		for (let r = 0; r < repeats; r++) {
			const done = new Promise((resolve) => (drawn = resolve));
			const start = performance.now();
			if (zoomSeconds > 0) {
				chart.setData([xs, ys]);
				await done;
				const zoomed = new Promise((resolve) => (drawn = resolve));
				const zoomStart = performance.now();
				chart.setScale('x', { min: last - zoomSeconds, max: last });
				await zoomed;
				times.push(performance.now() - zoomStart);
			} else {
				chart.setData([xs, ys]);
				await done;
				times.push(performance.now() - start);
			}
			await nextFrame();
		}
		chart.destroy();
		host.remove();
		return times;
	}

	/** Source of a worker that replies to each message with a new buffer of the byte count it names. */
	const echoWorkerSource = `onmessage = (event) => {
		const reply = new Float64Array(event.data / 8);
		postMessage(reply, [reply.buffer]);
	};`;

	/**
	 * Times `count` round trips to a bare worker, each started in an animation frame as the app's
	 * view loop starts a view: the page posts a small message and the worker replies with `bytes`
	 * of transferred buffer. Returns the time of each, from the post to the reply's handler.
	 */
	async function workerRoundTrips(count, bytes) {
		const url = URL.createObjectURL(new Blob([echoWorkerSource], { type: 'text/javascript' }));
		const worker = new Worker(url);
		URL.revokeObjectURL(url);
		const times = [];
		try {
			for (let i = 0; i < count; i++) {
				await nextFrame();
				const start = performance.now();
				await new Promise((resolve) => {
					worker.onmessage = resolve;
					worker.postMessage(bytes);
				});
				times.push(performance.now() - start);
			}
		} finally {
			worker.terminate();
		}
		return times;
	}

	window.streamlensBench = {
		seedFormatParts,
		seedFormatFile,
		compactPoints,
		ingestIntoApp,
		armFileInput,
		waitForArmedIngest,
		referenceIngest,
		recordFrames,
		stopFrames,
		watchMeasures,
		takeMeasures,
		chartSize,
		drawWithUplot,
		workerRoundTrips,
		readCounter,
		/** Data kept between calls, so that large Blobs never cross to Node. */
		store: {}
	};
})();
