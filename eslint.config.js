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
			'no-restricted-imports': [
				'error',
				{
					patterns: [
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
					]
				}
			],
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
		files: ['producer/**', 'scripts/**', 'bench/**', 'tests/**', '*.config.*', '.ci/**'],
		rules: { 'no-console': 'off' }
	}
);
