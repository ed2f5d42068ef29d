// Runs every check of `npm test` in order and prints one closing line, `N passed, N failed,
// N skipped`, counted from the unit and browser test reports. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureMosquitto } from './support/ensure-mosquitto.js';
import { ensureBrowser } from './support/find-browser.js';

/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, TZ: 'UTC' };
let passed = 0;
let failed = 0;
let skipped = 0;

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 */
function run(name, command, args) {
	console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env });
	return result.status === 0;
}

/**
 * Counts a step that has no test report of its own as one test.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 */
function step(name, command, args) {
	if (run(name, command, args)) passed += 1;
	else {
		failed += 1;
		console.log(`${name} failed`);
	}
}

/** @param {string} path */
function countVitest(path) {
	const report = JSON.parse(readFileSync(path, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests + (report.numTotalTestSuites === 0 ? 1 : 0);
	skipped += report.numPendingTests + report.numTodoTests;
	// A file that fails to load has no tests but a failed suite.
	for (const file of report.testResults) {
		if (file.status === 'failed' && file.assertionResults.length === 0) failed += 1;
	}
}

/** @param {string} path */
function countPlaywright(path) {
	const report = JSON.parse(readFileSync(path, 'utf8'));
	passed += report.stats.expected;
	failed += report.stats.unexpected + report.stats.flaky;
	skipped += report.stats.skipped;
	if (report.errors?.length) failed += report.errors.length;
}

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

step('types', 'npm', ['run', '--silent', 'check']);
step('lint', 'npx', ['eslint', '.']);
step('format', 'npx', ['prettier', '--check', '.']);

run('unit', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile=reports/unit.json'
]);
try {
	countVitest('reports/unit.json');
} catch (error) {
	failed += 1;
	console.log(`unit tests wrote no report: ${/** @type {Error} */ (error).message}`);
}

process.env.CHROMIUM_PATH = ensureBrowser();
ensureMosquitto();
env.CHROMIUM_PATH = process.env.CHROMIUM_PATH;
run('browser', 'npx', ['playwright', 'test']);
try {
	countPlaywright('reports/e2e.json');
} catch (error) {
	failed += 1;
	console.log(`browser tests wrote no report: ${/** @type {Error} */ (error).message}`);
}

// The 30-second soak on the site just built: every record sent must be ingested or rejected.
// Its heap and long-task figures depend on the machine's load, so they are reported, not required.
step('soak, 30 s', 'npx', [
	'tsx',
	'tests/soak/soak.ts',
	'--duration',
	'30s',
	'--no-build',
	'--report',
	'reports/soak.md',
	'--require',
	'counts'
]);

// No time is checked here. A short benchmark run only shows that every figure still measures,
// on the site the browser tests just built.
step('benchmark runs', 'npx', [
	'tsx',
	'bench/run.ts',
	'--quick',
	'--no-build',
	'--out',
	'reports/bench-quick.md'
]);

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
