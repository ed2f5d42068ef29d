import type { CDPSession } from '@playwright/test';

/** The parts of a V8 heap snapshot (the `.heapsnapshot` JSON format) that are read here. */
interface HeapSnapshotJson {
	snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
	/** Flat list of nodes, `node_fields.length` numbers each. */
	nodes: number[];
	strings: string[];
}

/** Objects of one kind in a heap snapshot: their count and summed self size in bytes. */
export interface HeapGroup {
	count: number;
	bytes: number;
}

/**
 * Takes a heap snapshot of the target behind `session` (which collects garbage first) and
 * returns its objects grouped by node type and name, such as `object Map` or `code (bytecode)`.
 */
export async function takeHeapSummary(session: CDPSession): Promise<Map<string, HeapGroup>> {
	const chunks: string[] = [];
	const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
	session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
	try {
		await session.send('HeapProfiler.enable');
		await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
	} finally {
		session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
	}
	return summariseHeapSnapshot(JSON.parse(chunks.join('')) as HeapSnapshotJson);
}

/** Groups a snapshot's nodes by type and name. Strings and code are grouped by type alone. */
export function summariseHeapSnapshot(snapshot: HeapSnapshotJson): Map<string, HeapGroup> {
	const fields = snapshot.snapshot.meta.node_fields;
	const types = snapshot.snapshot.meta.node_types[0];
	const typeAt = fields.indexOf('type');
	const nameAt = fields.indexOf('name');
	const sizeAt = fields.indexOf('self_size');
	const groups = new Map<string, HeapGroup>();
	for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
		const type = types[snapshot.nodes[i + typeAt]];
		const name = snapshot.strings[snapshot.nodes[i + nameAt]];
		// A string's or a number's name is its value, so each would be a group of its own.
		const byName = !/^(string|concatenated string|sliced string|number|code|hidden)$/.test(type);
		const key = byName ? `${type} ${name.slice(0, 60)}` : type;
		const group = groups.get(key) ?? { count: 0, bytes: 0 };
		group.count++;
		group.bytes += snapshot.nodes[i + sizeAt];
		groups.set(key, group);
	}
	return groups;
}

/** Formats the `rows` groups whose bytes changed most from `before` to `after`. */
export function formatHeapChange(
	before: Map<string, HeapGroup>,
	after: Map<string, HeapGroup>,
	rows = 25
): string {
	const keys = new Set([...before.keys(), ...after.keys()]);
	const changes = [...keys].map((key) => {
		const was = before.get(key) ?? { count: 0, bytes: 0 };
		const now = after.get(key) ?? { count: 0, bytes: 0 };
		return { key, count: now.count - was.count, bytes: now.bytes - was.bytes, now };
	});
	const total = (groups: Map<string, HeapGroup>) =>
		[...groups.values()].reduce((sum, group) => sum + group.bytes, 0);
	const lines = [
		`total ${(total(before) / 1024).toFixed(0)} KiB -> ${(total(after) / 1024).toFixed(0)} KiB`,
		'  change KiB  change count     KiB now  group'
	];
	changes.sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
	for (const change of changes.slice(0, rows)) {
		lines.push(
			`${(change.bytes / 1024).toFixed(1).padStart(12)} ${String(change.count).padStart(13)} ` +
				`${(change.now.bytes / 1024).toFixed(1).padStart(11)}  ${change.key}`
		);
	}
	return lines.join('\n');
}
