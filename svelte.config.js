import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: undefined, strict: true }),
		alias: {
			$workers: 'workers'
		},
		// Prerendered pages carry this policy in a <meta> tag, with hashes of kit's inline
		// bootstrap script. Scripts and workers load only from this origin and no string is
		// ever evaluated as code. connect-src stays open to every ws/wss/http/https endpoint,
		// because users choose where their streams come from.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'worker-src': ['self'],
				'connect-src': ['self', 'ws:', 'wss:', 'http:', 'https:'],
				// The root element of app.html has a style attribute, and styles cannot run code.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		typescript: {
			config(tsconfig) {
				tsconfig.include.push(
					'../workers/**/*.ts',
					'../producer/**/*.ts',
					'../scripts/**/*.ts',
					'../bench/**/*.ts',
					'../playwright.config.ts',
					'../vite.config.ts'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
