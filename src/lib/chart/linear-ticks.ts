import type { ScaleLinear } from 'd3-scale';

/**
 * Returns about `count` ticks of `scale`, or the ends of its domain where d3 cannot step it. For
 * a domain narrower than about 1e-306, such as [1e-310, 2e-310], the step's power of ten
 * overflows and `scale.ticks` raises a RangeError (invalid array length).
 */
export function linearTicks(scale: ScaleLinear<number, number>, count: number): number[] {
	try {
		return scale.ticks(count);
	} catch (error) {
		if (!(error instanceof RangeError)) throw error;
		const [low, high] = scale.domain();
		return low === high ? [low] : [low, high];
	}
}
