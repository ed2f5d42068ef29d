import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	server: {
		host: '127.0.0.1',
		fs: { allow: ['workers'] }
	},
	preview: { host: '127.0.0.1', port: 4173, strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Tests that start a Node process (producer, analyze, eval:nab) need several seconds each
		// when other jobs load the machine, beyond vitest's 5 s default.
		testTimeout: 30_000
	}
});
