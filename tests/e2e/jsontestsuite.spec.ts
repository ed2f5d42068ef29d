import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from './support/test';
import { JsonByteReader } from '../../src/lib/ingest/json-byte-reader';
import { parseJsonLine } from '../../src/lib/ingest/json-line';

const folder = 'tests/fixtures/jsontestsuite/test_parsing';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/**
 * Counts what the reader must make of `bytes`, with the same pure modules the stream worker
 * runs: values split from the byte stream, an object is one record, an array's object elements
 * are records, and everything else is one rejection. The browser run has to agree, through the
 * worker, the batches and the analysis engine.
 */
function expectedCounts(bytes: Uint8Array): { records: number; rejected: number } {
	let records = 0;
	let rejected = 0;
	const reader = new JsonByteReader({
		value: (text, line) => {
			const result = parseJsonLine(text, line);
			if (result.kind === 'error') rejected++;
			else if (result.kind === 'record') records++;
			else if (result.kind === 'records') {
				for (const element of result.values) {
					const isObject = element !== null && typeof element === 'object';
					if (isObject && !Array.isArray(element)) records++;
					else rejected++;
				}
			}
		},
		broken: () => rejected++,
		warning: () => {}
	});
	reader.push(bytes);
	reader.end();
	return { records, rejected };
}

test('JSONTestSuite file counts every case', async ({ page }) => {
	// All 318 cases, one after another with a line end between them, as the bytes they are.
	const parts: Buffer[] = [];
	for (const name of readdirSync(folder).sort()) {
		parts.push(readFileSync(join(folder, name)), Buffer.from('\n'));
	}
	const buffer = Buffer.concat(parts);
	const expected = expectedCounts(new Uint8Array(buffer));
	// Both counts are large, so a reader that stops at the first bad line cannot pass.
	expect(expected.records).toBeGreaterThan(10);
	expect(expected.rejected).toBeGreaterThan(200);

	// An empty time field means arrival time, so no record is rejected for its time.
	await page.goto('/?source=file&time=');
	await page.locator('input[type=file]').setInputFiles({
		name: 'jsontestsuite.jsonl',
		mimeType: 'application/x-ndjson',
		buffer
	});

	await expect(page.getByTestId('source-status')).toHaveAttribute('data-value', 'done');
	expect(await figure(page, 'record-count')).toBe(expected.records);
	expect(await figure(page, 'error-count')).toBe(expected.rejected);
	await expect(page.getByTestId('error-item').first()).toHaveAttribute('data-line', /^\d+$/);
});
