import { randomLcg, randomNormal, randomUniform } from 'd3-random';

/** Draws from one seeded stream: the same seed gives the same sequence of draws. */
export interface SeededRandom {
	/** Uniform draw in [0, 1). */
	uniform: () => number;
	/** Standard normal draw (mean 0, standard deviation 1). */
	normal: () => number;
}

/**
 * Creates uniform and normal draws that share one linear congruential generator, so the
 * order of calls, not only the seed, fixes every value.
 *
 * d3's LCG keeps 32 bits of state, so seeds from 0 to 4294967295 give distinct sequences.
 */
export function createSeededRandom(seed: number): SeededRandom {
	const source = randomLcg(seed);

	return {
		uniform: randomUniform.source(source)(),
		normal: randomNormal.source(source)()
	};
}
