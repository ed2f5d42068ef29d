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
		// Some tests start the producer as a process; on a loaded machine that takes seconds.
		testTimeout: 30_000,
		environment: 'node'
	}
});
