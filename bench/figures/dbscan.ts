import { ANALYSIS_POINTS, measureAnalyses } from '../analysis-page';
import type { BenchContext, Figure } from '../figure';
import { median, type FigureRow } from '../report';

/** DBSCAN over 10,000 standardised points, in the analysis-suite worker. */
export const dbscanFigure: Figure = {
	name: 'dbscan',
	async run(context: BenchContext): Promise<FigureRow[]> {
		const timings = await measureAnalyses(context);
		const kDistance = median(timings.kDistance);
		context.log(`dbscan: median ${median(timings.dbscan).toFixed(1)} ms`);
		return [
			{
				figure: `DBSCAN, ${ANALYSIS_POINTS.toLocaleString('en-US')} points`,
				value: { label: 'in the worker', unit: 'ms', samples: timings.dbscan },
				target: { of: 'value', compare: '<=', limit: 300 },
				note:
					'the same generated records as the isolation forest figure, clustered on two ' +
					'standardised features (value, change from the previous value) with minPts 5 and eps ' +
					'from the k-distance knee. Timed with performance.now() inside the analysis-suite ' +
					'worker around the DBSCAN call alone; read from `timing-dbscan`. The k-distance eps ' +
					`suggestion before it (1,000 sampled points against all) took ${kDistance.toFixed(1)} ms ` +
					'(median), not counted here.'
			}
		];
	}
};
