import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// The page registers the worker itself (src/lib/client/service-worker.ts) and asks the
			// user before a new version takes over, so nothing changes under a running stream.
			injectRegister: false,
			registerType: 'prompt',
			// SvelteKit builds with relative paths. Without these the page registers `./sw.js`, so a
			// first visit to /analysis/ or /history/ requests /analysis/sw.js, which is not found.
			scope: '/',
			buildBase: '/',
			kit: { trailingSlash: 'always' },
			manifest: {
				name: 'Streamlens: live JSON stream analysis',
				short_name: 'Streamlens',
				description: 'Watch and analyse live JSON streams in the browser, offline.',
				id: '/',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#0f172a',
				background_color: '#0f1217',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{
						src: '/icons/maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest}',
					'prerendered/**/*.{html,json}'
				],
				// Take control of the first page load so that it works offline at once. An update
				// still waits for the user: skipWaiting is sent only from the reload prompt.
				clientsClaim: true,
				skipWaiting: false,
				// Registered before Workbox's own fetch listener; it lets event streams, NDJSON
				// streams and cross-origin requests bypass the worker entirely.
				importScripts: ['sw-stream-guard.js'],
				navigateFallbackDenylist: [/\.(?:ndjson|jsonl)$/, /\/(?:events|stream)(?:\/|$)/],
				// Every page is static and reads its query in the browser, so /analysis/?session=ID
				// is the precached /analysis/ page. Without this it fell back to the dashboard's HTML,
				// whose relative asset paths do not resolve under /analysis/.
				ignoreURLParametersMatching: [/.*/]
			}
		})
	],
	worker: { format: 'es' },
	server: {
		host: '127.0.0.1',
		fs: { allow: ['workers'] }
	},
	// `npm start` and `npm run preview` serve here; PREVIEW_PORT moves them, as it moves the tests.
	preview: { host: '127.0.0.1', port: Number(process.env.PREVIEW_PORT ?? 4173), strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Tests that start a Node process (producer, analyze, eval:nab) need several seconds each
		// when other jobs load the machine, beyond vitest's 5 s default.
		testTimeout: 30_000
	}
});
