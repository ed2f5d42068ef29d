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
		typescript: {
			config(tsconfig) {
				tsconfig.include.push(
					'../workers/**/*.ts',
					'../producer/**/*.ts',
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
