import type { SimOptions } from '../protocol';
import { Generator } from '../sim/generator';
import { SourceOutput } from './source-output';

/** How often the simulator wakes up to emit what is due, in ms. */
const tickMs = 50;
/** Most records one tick may emit; a tab woken from the background catches up over ticks. */
const maxPerTick = 200_000;

/**
 * Generates records in the worker at the configured rate and sends them as columnar batches.
 * Record times follow the generator's clock (start + i / rate), paced against the real one.
 */
export class SimulatorSource {
	readonly output = new SourceOutput();
	#timer: ReturnType<typeof setInterval> | null = null;

	connect(port: MessagePort): void {
		this.output.attach(port);
	}

	start(options: SimOptions): void {
		this.stop();

		const startMs = Date.now();
		const generator = new Generator(options, startMs);
		const point = { time: 0, value: 0, category: 0 };
		let emitted = 0;
		let categoriesSent = false;

		const label = `Simulated ${options.pattern}, ${options.rate} records/s, seed ${options.seed}`;
		this.output.status('live');
		this.output.reset(['value'], 'simulator', label);

		const tick = () => {
			const due = Math.floor(((Date.now() - startMs) * options.rate) / 1000) + 1;
			const count = Math.min(due - emitted, maxPerTick);
			if (count <= 0) return;

			const time = new Float64Array(count);
			const value = new Float64Array(count);
			const category = new Int32Array(count);
			for (let i = 0; i < count; i++) {
				generator.nextInto(point);
				time[i] = point.time;
				value[i] = point.value;
				category[i] = point.category;
			}
			emitted += count;

			const newCategories = categoriesSent ? [] : [...generator.categories];
			categoriesSent = true;
			this.output.batch({ count, time, values: [value], category, newCategories });
		};

		tick();
		this.#timer = setInterval(tick, tickMs);
	}

	stop(): void {
		if (this.#timer === null) return;
		clearInterval(this.#timer);
		this.#timer = null;
		this.output.status('idle', 'stopped');
	}
}
