import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { writeSeedFormatFile } from './seed-file';
import { readFileSource } from '../src/lib/sources/file-source';
import { SourceOutput } from '../src/lib/sources/source-output';
const path = '/tmp/seed100.jsonl';
if (!existsSync(path)) await writeSeedFormatFile(path, 100e6);
const bytes = await readFile(path);
const passes = Number(process.argv[2] ?? 5);
for (let pass = 0; pass < passes; pass++) {
	const file = new File([bytes], 'seed.jsonl');
	const output = new SourceOutput();
	let handled = 0, records = 0;
	const port = {
		onmessage: null as null | ((e: unknown) => void),
		postMessage(m: { kind: string; batch?: { count: number } }) {
			if (m.kind !== 'batch') return;
			records += m.batch!.count;
			handled++;
			queueMicrotask(() => port.onmessage!({ data: { kind: 'handled', batches: handled } }));
		}
	};
	output.attach(port as unknown as MessagePort);
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	await readFileSource(file, output, {} as never, new AbortController().signal);
	const c1 = process.cpuUsage(c0);
	console.log(`pass ${pass}: ${records} records, ${((c1.user + c1.system) / 1000).toFixed(0)} ms cpu, ${(performance.now() - t0).toFixed(0)} ms wall`);
}
