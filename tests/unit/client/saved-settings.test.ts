import { describe, expect, it } from 'vitest';
import { pickSettings } from '../../../src/lib/client/saved-settings';
import { defaultConfig } from '../../../src/lib/client/url-config';
import { writeUrlConfig } from '../../../src/lib/client/url-write';

const saved = writeUrlConfig({
	...defaultConfig,
	source: 'websocket',
	url: 'ws://127.0.0.1:9000',
	choice: { values: [['metadata', 'temp']] },
	maWindow: 30,
	detector: 'ensemble',
	iqrK: 2,
	forestThreshold: 0.8,
	band: true
});

describe('pickSettings', () => {
	it('pickSettings uses saved settings without URL parameters', () => {
		const { config, problems, origin } = pickSettings('', saved);

		expect(origin).toBe('saved');
		expect(problems).toEqual([]);
		expect(config.source).toBe('websocket');
		expect(config.url).toBe('ws://127.0.0.1:9000');
		expect(config.choice).toEqual({ values: [['metadata', 'temp']] });
		expect(config.maWindow).toBe(30);
		expect(config.detector).toBe('ensemble');
		expect(config.iqrK).toBe(2);
		expect(config.forestThreshold).toBe(0.8);
		expect(config.band).toBe(true);
	});

	it('pickSettings lets URL parameters win', () => {
		const { config, origin } = pickSettings('?source=simulator&rate=50', saved);

		expect(origin).toBe('url');
		expect(config.source).toBe('simulator');
		expect(config.rate).toBe(50);
		expect(config.maWindow).toBe(defaultConfig.maWindow);
		expect(config.band).toBe(false);
	});

	it('pickSettings restores saved reading options', () => {
		const reading = writeUrlConfig({
			...defaultConfig,
			source: 'file',
			choice: { lenient: true, duplicates: 'all', booleansAsNumbers: true }
		});
		const { config, problems, origin } = pickSettings('', reading);

		expect(origin).toBe('saved');
		expect(problems).toEqual([]);
		expect(config.choice).toEqual({ lenient: true, duplicates: 'all', booleansAsNumbers: true });
	});

	it('pickSettings takes a reading option in the URL as a setting', () => {
		const { config, problems, origin } = pickSettings('?booleans=1', saved);

		expect(origin).toBe('url');
		expect(problems).toEqual([]);
		expect(config.choice).toEqual({ booleansAsNumbers: true });
		expect(config.source).toBe(defaultConfig.source);
	});

	it('pickSettings names an invalid saved reading option', () => {
		const { config, problems } = pickSettings('', 'source=file&duplicates=first&lenient=1');

		expect(problems).toEqual([
			{
				param: 'duplicates',
				message: 'invalid duplicates "first": expected last or all',
				origin: 'saved'
			}
		]);
		expect(config.choice).toEqual({ lenient: true });
	});

	it('pickSettings ignores replay parameters', () => {
		const { config, origin } = pickSettings('?replay=abc&speed=10', saved);

		expect(origin).toBe('saved');
		expect(config.source).toBe('websocket');
	});

	it('pickSettings falls back to the defaults', () => {
		const { config, problems, origin } = pickSettings('', null);

		expect(origin).toBe('default');
		expect(problems).toEqual([]);
		expect(config).toEqual(defaultConfig);
	});

	it('pickSettings reports invalid saved fields one by one', () => {
		const corrupt = saved.replace('ma=30', 'ma=500').replace('band=on', 'band=maybe');
		const { config, problems, origin } = pickSettings('', corrupt);

		expect(origin).toBe('saved');
		expect(problems.map((p) => p.param)).toEqual(['ma', 'band']);
		expect(problems.every((p) => p.origin === 'saved')).toBe(true);
		expect(config.maWindow).toBe(defaultConfig.maWindow);
		expect(config.band).toBe(false);
		expect(config.source).toBe('websocket');
		expect(config.url).toBe('ws://127.0.0.1:9000');
	});

	it('pickSettings falls back to the default detector on a saved invalid one', () => {
		const corrupt = saved
			.replace('detector=ensemble', 'detector=prophet')
			.replace('iqr-k=2', 'iqr-k=0');
		const { config, problems } = pickSettings('', corrupt);

		expect(problems.map((p) => p.param)).toEqual(['iqr-k', 'detector']);
		expect(problems.every((p) => p.origin === 'saved')).toBe(true);
		expect(config.detector).toBe('zscore');
		expect(config.iqrK).toBe(1.5);
		expect(config.maWindow).toBe(30);
	});

	it('pickSettings reads a detector in the URL as a setting', () => {
		const { config, origin } = pickSettings('?detector=iqr', saved);

		expect(origin).toBe('url');
		expect(config.detector).toBe('iqr');
		expect(config.maWindow).toBe(defaultConfig.maWindow);
	});

	it('pickSettings reports invalid URL parameters as such', () => {
		const { problems } = pickSettings('?rate=fast', saved);

		expect(problems).toEqual([expect.objectContaining({ param: 'rate', origin: 'url' })]);
	});

	it('pickSettings survives unreadable saved text', () => {
		const { config, problems } = pickSettings('', '%%%&&==\u0000');

		expect(problems).toEqual([]);
		expect(config).toEqual(defaultConfig);
	});
});
