import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Modules that run in workers and in Node: no Svelte, no DOM. */
const pureFolders = [
	'src/lib/ingest/**',
	'src/lib/mapping/**',
	'src/lib/store/**',
	'src/lib/analysis/**',
	'src/lib/sim/**',
	'src/lib/sources/**',
	'src/lib/history/**',
	'src/lib/alerts/**',
	'src/lib/chart/**',
	'src/lib/protocol.ts',
	'workers/**'
];

/** Imports that the pure and worker modules must not make. */
const pureImportPatterns = [
	{
		group: ['svelte', 'svelte/*'],
		message: 'Pure and worker modules must not import Svelte.'
	},
	{
		group: [
			'$app/*',
			'$lib/components/*',
			'$lib/client/*',
			'**/components/*',
			'**/client/*',
			'**/routes/*',
			'*.svelte'
		],
		message: 'Pure and worker modules must not import page code.'
	}
];

/**
 * The chart worker's modules. Every dashboard starts that worker on its first load, so they get
 * the axes from the page instead of bundling D3 again.
 */
const chartWorkerModules = ['workers/chart.worker.ts', 'src/lib/chart/**'];
const chartPageModules = [
	'src/lib/chart/chart-axes.ts',
	'src/lib/chart/histogram-axis.ts',
	'src/lib/chart/linear-ticks.ts',
	'src/lib/chart/time-ticks.ts'
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'reports/',
			'tests/fixtures/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-console': ['error', { allow: ['warn', 'error'] }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: pureFolders,
		languageOptions: { globals: { ...globals.worker } },
		rules: {
			'no-restricted-imports': ['error', { patterns: pureImportPatterns }],
			'no-restricted-globals': [
				'error',
				{ name: 'window', message: 'Pure and worker modules must not touch the DOM.' },
				{ name: 'document', message: 'Pure and worker modules must not touch the DOM.' },
				{ name: 'localStorage', message: 'Pure and worker modules must not touch the DOM.' },
				{
					name: 'requestAnimationFrame',
					message: 'Pure and worker modules must not touch the DOM.'
				}
			]
		}
	},
	{
		files: chartWorkerModules,
		ignores: chartPageModules,
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...pureImportPatterns,
						{
							group: ['d3', 'd3-*', '**/chart-axes', '**/time-ticks'],
							message: 'The chart worker gets its axes from the page and bundles no D3.'
						}
					]
				}
			]
		}
	},
	{
		files: ['producer/**', 'scripts/**', 'bench/**', 'tests/**', '*.config.*', '.ci/**'],
		rules: { 'no-console': 'off' }
	}
);
