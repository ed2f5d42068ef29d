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
		// Producer tests start Node processes, which take several seconds on a busy 2-core
		// machine, so the 5 s default would fail tests that are correct.
		testTimeout: 30_000
	}
});
