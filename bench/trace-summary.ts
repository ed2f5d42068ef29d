/** One event of a Chromium trace in the JSON trace event format. */
export interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	pid: number;
	tid: number;
	/** Microseconds on the trace clock. */
	ts: number;
	dur?: number;
	id?: string;
	args?: Record<string, unknown>;
}

/** A task over this many ms is a long task, as the Long Tasks API defines it. */
const LONG_TASK_MS = 50;

/** Kinds of main-thread work that a long task's time is attributed to. */
type Kind =
	| 'script'
	| 'gc'
	| 'style'
	| 'layout'
	| 'paint'
	| 'canvas'
	| 'raster'
	| 'compositing'
	| 'message'
	| 'tracing'
	| 'other';

/** Event names by kind. An event not listed keeps the kind of the event it is nested in. */
const KIND_OF: [RegExp, Kind][] = [
	// Starting the sampling profiler that the trace itself asked for, not the page's work.
	[/^CpuProfiler::/, 'tracing'],
	[/^(MinorGC|MajorGC|V8\.GC|BlinkGC|V8\.GC_|ThreadState::)/, 'gc'],
	[/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|Document::updateStyle)/, 'style'],
	[
		/^(Layout|LocalFrameView::layout|UpdateLayerTree|PrePaint|Layerize|IntersectionObserver)/,
		'layout'
	],
	[
		/^(Paint|PaintImage|UpdateLayer|Document::paint|LocalFrameView::RunPaintLifecyclePhase)/,
		'paint'
	],
	[/Canvas|canvas|Skia|PaintOp|DrawingBuffer/, 'canvas'],
	[/Raster|raster/, 'raster'],
	[
		/^(Commit|CompositeLayers|ProxyMain|LayerTreeHost|cc::|Scheduler::BeginFrame|BeginMainThreadFrame)/,
		'compositing'
	],
	[
		/^(HandlePostMessage|MessagePort|v8\.deserialize|SerializedScriptValue|V8ScriptValueDeserializer)/,
		'message'
	],
	[
		/^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|V8Execute)/,
		'script'
	]
];

function kindOf(name: string): Kind | null {
	for (const [pattern, kind] of KIND_OF) if (pattern.test(name)) return kind;
	return null;
}

interface Span {
	name: string;
	start: number;
	end: number;
	children: Span[];
}

/** Finds the renderer main thread that ran the app page: the one with the most task time. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
	const mains = events.filter(
		(e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
	);
	let best = { pid: 0, tid: 0 };
	let bestTime = -1;
	for (const thread of mains) {
		let time = 0;
		for (const e of events) {
			if (e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X') time += e.dur ?? 0;
		}
		if (time > bestTime) {
			bestTime = time;
			best = { pid: thread.pid, tid: thread.tid };
		}
	}
	return best;
}

/** Builds the nesting of one thread's complete and begin/end events. */
function buildSpans(events: TraceEvent[]): Span[] {
	const flat: Span[] = [];
	const open = new Map<string, TraceEvent[]>();
	for (const e of events) {
		if (e.ph === 'X' && e.dur !== undefined) {
			flat.push({ name: e.name, start: e.ts, end: e.ts + e.dur, children: [] });
		} else if (e.ph === 'B') {
			const list = open.get(e.name) ?? [];
			list.push(e);
			open.set(e.name, list);
		} else if (e.ph === 'E') {
			const begin = open.get(e.name)?.pop();
			if (begin) flat.push({ name: e.name, start: begin.ts, end: e.ts, children: [] });
		}
	}
	flat.sort((a, b) => a.start - b.start || b.end - a.end);
	const roots: Span[] = [];
	const stack: Span[] = [];
	for (const span of flat) {
		while (stack.length > 0 && stack[stack.length - 1].end <= span.start) stack.pop();
		const parent = stack[stack.length - 1];
		if (parent && span.end <= parent.end) parent.children.push(span);
		else roots.push(span);
		stack.push(span);
	}
	return roots;
}

/** Adds each span's self time (µs) to `byKind` and `byName`, under its own or inherited kind. */
function attribute(
	span: Span,
	inherited: Kind,
	byKind: Map<Kind, number>,
	byName: Map<string, number>
): void {
	const kind = kindOf(span.name) ?? inherited;
	let self = span.end - span.start;
	for (const child of span.children) {
		self -= child.end - child.start;
		attribute(child, kind, byKind, byName);
	}
	byKind.set(kind, (byKind.get(kind) ?? 0) + self);
	byName.set(span.name, (byName.get(span.name) ?? 0) + self);
}

interface ProfileNode {
	id: number;
	parent?: number;
	callFrame: { functionName: string; url?: string };
}

/** JavaScript samples of one thread: the time of each (µs) and its stack, innermost first. */
function jsSamples(
	events: TraceEvent[],
	thread: { pid: number; tid: number }
): { time: number; stack: string[] }[] {
	const samples: { time: number; stack: string[] }[] = [];
	const profiles = new Map<string, { time: number; nodes: Map<number, ProfileNode> }>();
	for (const e of events) {
		// A profile starts on the thread it samples; its chunks come from V8's profiler thread.
		if (e.pid !== thread.pid || e.ph !== 'P') continue;
		if (e.name === 'Profile' && e.tid !== thread.tid) continue;
		const data = e.args?.data as
			| {
					startTime?: number;
					cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
					timeDeltas?: number[];
			  }
			| undefined;
		if (!data || e.id === undefined) continue;
		if (e.name === 'Profile') {
			profiles.set(e.id, { time: data.startTime ?? e.ts, nodes: new Map() });
			continue;
		}
		const profile = profiles.get(e.id);
		if (e.name !== 'ProfileChunk' || !profile) continue;
		for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
		const ids = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		for (let i = 0; i < ids.length; i++) {
			profile.time += deltas[i] ?? 0;
			const stack: string[] = [];
			for (
				let node = profile.nodes.get(ids[i]);
				node;
				node = profile.nodes.get(node.parent ?? -1)
			) {
				const file = (node.callFrame.url ?? '').split('/').pop() ?? '';
				stack.push(`${node.callFrame.functionName || '(anonymous)'} ${file}`.trim());
			}
			samples.push({ time: profile.time, stack });
		}
	}
	return samples;
}

function table(map: Map<string, number>, total: number, rows: number): string {
	return [...map.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, rows)
		.map(([name, us]) => {
			const share = total > 0 ? ((us / total) * 100).toFixed(1) : '0';
			return `${(us / 1000).toFixed(1).padStart(9)} ms ${share.padStart(5)} %  ${name}`;
		})
		.join('\n');
}

/**
 * Summarises a trace: the page's long tasks (count, total, longest), the share of their time by
 * kind of work and by trace event, and the JavaScript functions and callers sampled inside them.
 * The same for all main-thread tasks, for comparison.
 */
export function summariseTrace(events: TraceEvent[]): string {
	const thread = mainThread(events);
	const own = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
	const roots = buildSpans(own);
	const tasks = roots.filter((span) => /RunTask/.test(span.name));
	const long = tasks.filter((task) => task.end - task.start > LONG_TASK_MS * 1000);
	const first = own.reduce((min, e) => (e.ts > 0 ? Math.min(min, e.ts) : min), Infinity);
	const last = own.reduce((max, e) => Math.max(max, e.ts + (e.dur ?? 0)), 0);

	const lines: string[] = [];
	const describe = (label: string, list: Span[]) => {
		const byKind = new Map<Kind, number>();
		const byName = new Map<string, number>();
		let total = 0;
		for (const task of list) {
			attribute(task, 'other', byKind, byName);
			total += task.end - task.start;
		}
		const longest = Math.max(0, ...list.map((task) => task.end - task.start)) / 1000;
		lines.push(
			`\n== ${label}: ${list.length} tasks, ${(total / 1000).toFixed(0)} ms in total, ` +
				`longest ${longest.toFixed(0)} ms`
		);
		lines.push('-- by kind', table(byKind, total, 12));
		lines.push('-- by trace event (self time)', table(byName, total, 25));

		const samples = jsSamples(events, thread);
		const leaf = new Map<string, number>();
		const frames = new Map<string, number>();
		let previous = samples[0]?.time ?? 0;
		let index = 0;
		const sorted = [...list].sort((a, b) => a.start - b.start);
		for (const sample of samples) {
			const interval = sample.time - previous;
			previous = sample.time;
			while (index < sorted.length && sorted[index].end < sample.time) index++;
			const task = sorted[index];
			if (!task || sample.time < task.start || sample.stack.length === 0) continue;
			if (/^\((idle|program|root)\)/.test(sample.stack[0])) continue;
			leaf.set(sample.stack[0], (leaf.get(sample.stack[0]) ?? 0) + interval);
			for (const frame of new Set(sample.stack)) {
				frames.set(frame, (frames.get(frame) ?? 0) + interval);
			}
		}
		lines.push('-- JavaScript, self time of sampled functions', table(leaf, total, 20));
		lines.push('-- JavaScript, total time of sampled functions', table(frames, total, 25));
	};
	lines.push(
		`main thread pid ${thread.pid} tid ${thread.tid}, ${((last - first) / 1e6).toFixed(1)} s traced`
	);
	describe('long tasks', long);
	describe('all tasks', tasks);
	return lines.join('\n');
}
