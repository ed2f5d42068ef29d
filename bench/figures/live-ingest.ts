import { setTimeout as sleep } from 'node:timers/promises';
import { openAppPage, type BenchContext, type Figure } from '../figure';
import { percentile, type FigureRow } from '../report';
import { sentFromLog, startProducer } from '../servers';

/** Records per second the producer sends. */
const RATE = 100_000;

interface FrameLog {
	deltas: number[];
	/** [time in ms, record count] at each animation frame. */
	counts: [number, number][];
}

/** Records per WebSocket message: the producer's default, and batches of 100. */
const BATCHES = [1, 100];

/**
 * Live ingest from the producer's WebSocket mode on 127.0.0.1: records received against
 * records sent, the rate sustained, and the page's frame times meanwhile. Measured with one
 * record per message and with 100 records per message.
 */
export const liveIngest: Figure = {
	name: 'live ingest',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const rows: FigureRow[] = [];
		for (const batch of BATCHES) rows.push(...(await measureLiveIngest(context, batch)));
		return rows;
	}
};

async function measureLiveIngest(context: BenchContext, batch: number): Promise<FigureRow[]> {
	const seconds = context.quick ? 5 : 60;
	const count = RATE * seconds;
	const received: number[] = [];
	const sent: number[] = [];
	const rates: number[] = [];
	const p95Frames: number[] = [];

	for (let run = 0; run < context.runs; run++) {
		const producer = await startProducer(context.producerPort, [
			'--rate',
			String(RATE),
			'--count',
			String(count),
			'--seed',
			'7',
			'--batch',
			String(batch)
		]);
		const url = `ws://127.0.0.1:${context.producerPort}`;
		// Above 1,000 records/s the producer's millisecond timestamps repeat within a category,
		// so every record of equal time is kept instead of the last.
		const page = await openAppPage(
			context,
			`/?source=websocket&duplicates=all&url=${encodeURIComponent(url)}`
		);
		await page.evaluate('streamlensBench.recordFrames()');

		// The producer stops after --count records; the page may still be catching up.
		const deadline = Date.now() + (seconds + 60) * 1000;
		let last = -1;
		let stableSince = Date.now();
		for (;;) {
			await sleep(500);
			const now = Number(await page.evaluate('streamlensBench.readCounter("record-count")'));
			if (now !== last) stableSince = Date.now();
			last = now;
			const producerDone = producer.process.exitCode !== null;
			if (now >= count || (producerDone && Date.now() - stableSince > 3000)) break;
			if (Date.now() > deadline) break;
		}
		const frames = (await page.evaluate('streamlensBench.stopFrames()')) as FrameLog;
		await page.close();
		await producer.stop();

		const sentRecords = sentFromLog(producer.stderr());
		const { rate, p95 } = summarise(frames);
		received.push(last);
		sent.push(sentRecords);
		rates.push(rate);
		p95Frames.push(p95);
		const lag = /behind schedule/.test(producer.stderr()) ? ' (producer fell behind)' : '';
		const slow = /closing a slow client/.test(producer.stderr())
			? ' (producer closed the page as a slow client)'
			: '';
		context.log(
			`live ingest, ${batch} per message, run ${run + 1}: received ${last} of ${sentRecords} sent${lag}, ` +
				`${rate.toFixed(0)} records/s, p95 frame ${p95.toFixed(1)} ms${slow}`
		);
	}

	const perMessage = batch === 1 ? '1 record per message' : `${batch} records per message`;
	const command =
		`\`npm run producer -- websocket --rate ${RATE} --count ${count}` +
		(batch === 1 ? '`' : ` --batch ${batch}\``);
	return [
		{
			figure: `Live ingest, WebSocket at ${RATE.toLocaleString('en-US')} records/s for ${seconds} s, ${perMessage}`,
			value: { label: 'records received', unit: 'records', samples: received },
			reference: { label: 'records the producer sent', unit: 'records', samples: sent },
			target: { of: 'ratio', compare: '>=', limit: 1 },
			note:
				`${command} on 127.0.0.1; the dashboard opened with \`?source=websocket\`. Sent ` +
				'is the count in the producer’s closing log line, received is `record-count` once ' +
				'it stops changing or reaches the count. A producer that has not reached the ' +
				'count 60 s after the planned end is stopped, and sent is what it sent until then.'
		},
		{
			figure: `Live ingest, rate received, ${perMessage}`,
			value: { label: 'records/s', unit: 'records/s', samples: rates },
			target: { of: 'value', compare: '>=', limit: RATE },
			note:
				'records received divided by the time from the first to the last record counted ' +
				'(the count is read each animation frame).'
		},
		{
			figure: `Live ingest, p95 frame time, ${perMessage}`,
			value: { label: 'p95 of requestAnimationFrame deltas', unit: 'ms', samples: p95Frames },
			target: { of: 'value', compare: '<=', limit: 16.7 },
			note:
				'the 95th percentile of the time between consecutive requestAnimationFrame ' +
				'callbacks while records were arriving (headless Chromium paces frames at 60 Hz).'
		}
	];
}

/** Rate between the first and last change of the count, and p95 frame delta over that span. */
function summarise(frames: FrameLog): { rate: number; p95: number } {
	const { counts, deltas } = frames;
	const first = counts.findIndex(([, n]) => n > 0);
	const final = counts.length === 0 ? 0 : counts[counts.length - 1][1];
	const lastChange = counts.findIndex(([, n]) => n === final);
	if (first < 0 || lastChange <= first) return { rate: NaN, p95: percentile(deltas, 95) };

	const [startMs, startCount] = counts[first];
	const [endMs, endCount] = counts[lastChange];
	const rate = ((endCount - startCount) / (endMs - startMs)) * 1000;
	// deltas[i] is the time between frames i and i + 1 of counts.
	return { rate, p95: percentile(deltas.slice(first, lastChange), 95) };
}
