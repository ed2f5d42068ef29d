import type { SuiteResult } from '../protocol';
import { describeLeftOut } from './cluster-text';
import { describeIssue } from './finite';
import { escapeHtml } from './report-svg';
import { anomalyRecord } from './anomaly-record';
import { SEASON_RULE, describeForecast, describeSeasonality } from './season-text';
import { slopeFigures } from './slope-unit';
import { suiteCharts } from './suite-charts';

/** Formats a figure for the report: up to 6 significant digits, a dash for none. */
export function formatFigure(x: number): string {
	if (!Number.isFinite(x)) return '–';
	return Number(x.toPrecision(6)).toString();
}

/** Counts the rejected lines, leaving out the warnings about lines read after a repair. */
function rejectedCount(result: SuiteResult): number {
	return result.errors.filter((error) => error.severity !== 'warning').length;
}

/** Returns ", N lines repaired" for lines read after a repair (a lenient NaN), or nothing. */
function repairedText(result: SuiteResult): string {
	const repaired = result.errors.length - rejectedCount(result);
	return repaired === 0 ? '' : `, ${repaired} lines repaired`;
}

/** Names the features DBSCAN clustered, and notes how the chart shows a value clustered alone. */
function clusterFeaturesText(clusters: SuiteResult['clusters']): string {
	if (clusters.features.length > 1) return clusters.features.join(' and ');
	return `${clusters.features[0]} alone (the chart draws it against time)`;
}

function row(cells: (string | number)[]): string {
	const html = cells.map(
		(c) => `<td>${typeof c === 'number' ? formatFigure(c) : escapeHtml(c)}</td>`
	);
	return `<tr>${html.join('')}</tr>`;
}

/**
 * Builds a self-contained HTML report of one suite result: summary statistics, charts as inline
 * SVG, the anomalies of every detector, trend, seasonality, clusters, forecast and the
 * parameters used. It loads nothing from the network, and every text from the data is escaped.
 */
export function suiteReportHtml(result: SuiteResult, generatedAt: Date): string {
	const charts = suiteCharts(result);
	const s = result.summary;
	const t = result.trend;
	const slope = slopeFigures(t, result.time, result.timed);
	const per = slope.unit.name;
	const season = result.seasonality;
	const c = result.clusters;
	// Records without a time field are named by their number alone.
	const anomalies = result.detections.flatMap((d) =>
		d.anomalies.map((a) => {
			const when = result.timed ? [new Date(a.time).toISOString()] : [];
			return row([d.detector, String(anomalyRecord(result, a)), ...when, a.value, a.score]);
		})
	);
	const timeHeader = result.timed ? '<th>Time</th>' : '';
	const params = Object.entries(result.params).map(([key, value]) =>
		row([key, value === null ? 'suggested' : String(value)])
	);
	const title = `Streamlens report: ${result.name}`;
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#14181f}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #d9dee5;padding:3px 8px;text-align:left}
td:nth-child(n+2){font-variant-numeric:tabular-nums}svg:not(svg svg){max-width:100%;height:auto;display:block}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p>Generated ${escapeHtml(generatedAt.toISOString())}. ${s.count} records, ${s.finite} finite values, ${rejectedCount(result)} lines rejected${repairedText(result)}.</p>
<h2>Summary statistics</h2>
${s.issue ? `<p>Note: ${escapeHtml(describeIssue(s.issue))}</p>` : ''}
<table id="summary"><tr><th>Figure</th><th>Value</th></tr>
${row(['mean', s.mean])}${row(['standard deviation', s.std])}${row(['min', s.min])}${row(['max', s.max])}
${row(['median', s.median])}${row(['first quartile', s.q1])}${row(['third quartile', s.q3])}</table>
${charts.series}
<h2>Anomalies</h2>
<table id="detectors"><tr><th>Detector</th><th>Flagged</th><th>Note</th></tr>
${result.detections.map((d) => row([d.detector, d.count, d.note ?? ''])).join('')}</table>
<table id="anomalies"><tr><th>Detector</th><th>Record</th>${timeHeader}<th>Value</th><th>Score</th></tr>${anomalies.join('')}</table>
<h2>Trend</h2>
${t.issue ? `<p>Note: ${escapeHtml(describeIssue(t.issue))}</p>` : ''}
<table id="trend">${row([`slope per ${per}`, slope.slope])}${row(['95 % interval, low', slope.low])}${row(['95 % interval, high', slope.high])}${row(['R²', t.rSquared])}</table>
${charts.trend}
<h2>Seasonality</h2>
<p>${escapeHtml(describeSeasonality(result))}. ${escapeHtml(SEASON_RULE)}</p>
<table id="seasonality">${row(['period (records)', season.period])}${row(['strength', season.strength])}${row(['autocorrelation at period', season.autocorrelation])}</table>
${charts.seasonality}
<h2>Clusters</h2>
<table id="clusters">${row(['features (standardised)', clusterFeaturesText(c)])}${row(['records clustered', c.records.length])}${row(['records left out', describeLeftOut(c)])}${row(['eps', c.eps])}${row(['suggested eps (k-distance knee)', c.suggestedEps])}${row(['minPts', c.minPts])}${row(['clusters', c.clusterCount])}${row(['noise points', c.noise.length])}</table>
${charts.clusters}
<h2>Forecast</h2>
<p>${escapeHtml(describeForecast(result))}</p>
<table id="forecast">${row(['season length used', result.forecast.period])}${row(['one-step error σ', result.forecast.sigma])}${row(['horizon', result.forecast.time.length])}</table>
${charts.forecast}
<h2>Parameters</h2>
<table id="parameters"><tr><th>Parameter</th><th>Value</th></tr>${params.join('')}</table>
</body></html>
`;
}
