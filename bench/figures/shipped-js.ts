import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from '../figure';
import type { FigureRow } from '../report';

/** Lists every file under `folder`, recursively. */
function listFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]
	);
}

/** JavaScript shipped: the sum of each build/ .js file's gzip size, workers included. */
export const shippedJs: Figure = {
	name: 'shipped js',
	async run(): Promise<FigureRow[]> {
		const files = listFiles('build').filter((path) => /\.m?js$/.test(path));
		let raw = 0;
		let gzipped = 0;
		for (const path of files) {
			const bytes = readFileSync(path);
			raw += bytes.length;
			gzipped += gzipSync(bytes, { level: 9 }).length;
		}
		return [
			{
				figure: 'JavaScript shipped, gzipped',
				value: { label: 'build/**/*.js', unit: 'KB', samples: [gzipped / 1000] },
				target: { of: 'value', compare: '<=', limit: 150 },
				note:
					`${files.length} files in build/ (pages, chunks, workers${files.some((f) => /sw\.js$/.test(f)) ? ', service worker' : ''}), ` +
					`${(raw / 1000).toFixed(0)} KB before compression; each gzipped alone at level 9 ` +
					'and the sizes summed, in kilobytes of 1,000 bytes.'
			}
		];
	}
};
