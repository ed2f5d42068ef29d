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
	/** Thread time of a complete event, in µs: the part of `dur` that the thread ran on a core. */
	tdur?: number;
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
	/** Thread time in µs, when the trace has it. */
	cpu?: number;
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
			flat.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur, children: [] });
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

/** Wall and thread time in µs. */
interface Time {
	wall: number;
	cpu: number;
}

function add<K>(map: Map<K, Time>, key: K, wall: number, cpu: number): void {
	const time = map.get(key) ?? { wall: 0, cpu: 0 };
	time.wall += wall;
	time.cpu += cpu;
	map.set(key, time);
}

/**
 * Adds each span's self time to `byKind` and `byName`, under its own or inherited kind. A span
 * without thread time counts its wall time as thread time.
 */
function attribute(
	span: Span,
	inherited: Kind,
	byKind: Map<Kind, Time>,
	byName: Map<string, Time>
): void {
	const kind = kindOf(span.name) ?? inherited;
	let wall = span.end - span.start;
	let cpu = span.cpu ?? wall;
	for (const child of span.children) {
		wall -= child.end - child.start;
		cpu -= child.cpu ?? child.end - child.start;
		attribute(child, kind, byKind, byName);
	}
	add(byKind, kind, wall, Math.max(0, cpu));
	add(byName, span.name, wall, Math.max(0, cpu));
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

/** Formats the largest entries by thread time, with their share of `total` thread time. */
function table(map: Map<string, Time>, total: number, rows: number): string {
	return [...map.entries()]
		.sort((a, b) => b[1].cpu - a[1].cpu)
		.slice(0, rows)
		.map(([name, time]) => {
			const share = total > 0 ? ((time.cpu / total) * 100).toFixed(1) : '0';
			const cpu = (time.cpu / 1000).toFixed(1).padStart(8);
			const wall = (time.wall / 1000).toFixed(1).padStart(8);
			return `${cpu} ms CPU ${share.padStart(5)} % ${wall} ms wall  ${name}`;
		})
		.join('\n');
}

/**
 * Summarises a trace: each of the page's long tasks, then for all of them the count, wall and
 * thread time, the share of their time by kind of work and by trace event, and the JavaScript
 * functions and callers sampled inside them. The same for all main-thread tasks, for comparison.
 * Wall time well above thread time means that the thread waited for a core.
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
	const samples = jsSamples(events, thread);
	const describe = (label: string, list: Span[]) => {
		const byKind = new Map<Kind, Time>();
		const byName = new Map<string, Time>();
		let wall = 0;
		let cpu = 0;
		for (const task of list) {
			attribute(task, 'other', byKind, byName);
			wall += task.end - task.start;
			cpu += task.cpu ?? task.end - task.start;
		}
		const longest = Math.max(0, ...list.map((task) => task.end - task.start)) / 1000;
		lines.push(
			`\n== ${label}: ${list.length} tasks, ${(wall / 1000).toFixed(0)} ms wall, of which the ` +
				`thread ran ${(cpu / 1000).toFixed(0)} ms on a core; longest ${longest.toFixed(0)} ms`
		);
		lines.push('-- by kind (self time)', table(byKind, cpu, 12));
		lines.push('-- by trace event (self time)', table(byName, cpu, 25));

		// V8 samples a thread while it runs, but a sample's interval also spans any time the
		// thread waited for a core. So each sample counts as the median interval.
		const intervals = samples.slice(1).map((sample, i) => sample.time - samples[i].time);
		const step = intervals.sort((a, b) => a - b)[intervals.length >> 1] ?? 0;
		const leaf = new Map<string, Time>();
		const frames = new Map<string, Time>();
		let index = 0;
		const sorted = [...list].sort((a, b) => a.start - b.start);
		for (const sample of samples) {
			while (index < sorted.length && sorted[index].end < sample.time) index++;
			const task = sorted[index];
			if (!task || sample.time < task.start || sample.stack.length === 0) continue;
			if (/^\((idle|program|root)\)/.test(sample.stack[0])) continue;
			add(leaf, sample.stack[0], step, step);
			for (const frame of new Set(sample.stack)) add(frames, frame, step, step);
		}
		lines.push('-- JavaScript samples, self', table(leaf, cpu, 20));
		lines.push('-- JavaScript samples, with callees', table(frames, cpu, 25));
	};
	lines.push(
		`main thread pid ${thread.pid} tid ${thread.tid}, ${((last - first) / 1e6).toFixed(1)} s traced`
	);
	lines.push(
		'\n== each long task: its start, wall and thread time, and the events with most thread time'
	);
	for (const task of long) {
		const byKind = new Map<Kind, Time>();
		const byName = new Map<string, Time>();
		attribute(task, 'other', byKind, byName);
		const top = [...byName.entries()]
			.sort((a, b) => b[1].cpu - a[1].cpu)
			.slice(0, 3)
			.map(([name, time]) => `${name} ${(time.cpu / 1000).toFixed(0)} ms CPU`)
			.join(', ');
		const at = ((task.start - first) / 1e6).toFixed(2);
		const wall = ((task.end - task.start) / 1000).toFixed(0);
		const cpu = task.cpu === undefined ? '?' : (task.cpu / 1000).toFixed(0);
		lines.push(`${at.padStart(7)} s ${wall.padStart(5)} ms (CPU ${cpu.padStart(4)} ms)  ${top}`);
	}
	describe('long tasks', long);
	describe('all tasks', tasks);
	return lines.join('\n');
}
