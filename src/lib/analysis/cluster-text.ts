import type { SuiteResult } from '../protocol';
import { fieldOfFeature } from './dbscan-features';

/** Writes "1 record" or "N records", with thousands separators. */
function recordCount(count: number): string {
	return `${count.toLocaleString('en-US')} ${count === 1 ? 'record' : 'records'}`;
}

/** Total of the records that DBSCAN left out, for whatever reason. */
export function leftOutCount(clusters: Pick<SuiteResult['clusters'], 'leftOut'>): number {
	return clusters.leftOut.value + clusters.leftOut.feature;
}

/**
 * Describes the records that DBSCAN left out and why, such as "Left out of the clustering:
 * 2 records whose hour_frac is missing, null or not a finite number." Returns "None left out"
 * when every record was clustered.
 */
export function describeLeftOut(
	clusters: Pick<SuiteResult['clusters'], 'feature' | 'leftOut'>
): string {
	const { value, feature } = clusters.leftOut;
	if (value + feature === 0) return 'None left out: every record was clustered.';

	const reasons: string[] = [];
	if (value > 0) reasons.push(`${recordCount(value)} without a finite value`);
	if (feature > 0) reasons.push(`${recordCount(feature)} ${featureGap(clusters.feature)}`);
	return `Left out of the clustering: ${reasons.join(' and ')}.`;
}

/** Describes why a record with a finite value has no second feature. */
function featureGap(feature: SuiteResult['clusters']['feature']): string {
	const field = fieldOfFeature(feature);
	if (field !== null) return `whose ${field} is missing, null or not a finite number`;
	if (feature === 'change') return 'without a finite value before it to take the change from';
	// Times are always finite, because records without one are rejected when they are read.
	return `without a finite ${feature === 'hour' ? 'time within the hour' : 'time of day'}`;
}
