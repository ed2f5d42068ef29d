import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const folder = 'tests/fixtures/jsontestsuite/test_parsing';

async function figure(page: Page, testid: string): Promise<number> {
	return Number(await page.getByTestId(testid).getAttribute('data-value'));
}

/**
 * Counts what a JSON Lines reader must make of `text`: blank lines are skipped, an object is
 * one record, an array's object elements are records, and everything else is one rejection.
 */
function expectedCounts(text: string): { records: number; rejected: number } {
	let records = 0;
	let rejected = 0;
	for (const raw of text.split(/\r\n|\r|\n/)) {
		const line = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
		if (line.trim() === '') continue;

		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			rejected++;
			continue;
		}
		const values = Array.isArray(value) ? value : [value];
		for (const element of values) {
			if (element !== null && typeof element === 'object' && !Array.isArray(element)) records++;
			else rejected++;
		}
	}
	return { records, rejected };
}

test('JSONTestSuite file counts every case', async ({ page }) => {
	// All 318 cases, one after another with a line end between them, as the bytes they are.
	const parts: Buffer[] = [];
	for (const name of readdirSync(folder).sort()) {
		parts.push(readFileSync(join(folder, name)), Buffer.from('\n'));
	}
	const buffer = Buffer.concat(parts);
	const expected = expectedCounts(new TextDecoder('utf-8').decode(buffer));
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
