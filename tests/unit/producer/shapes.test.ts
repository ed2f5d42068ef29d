import { describe, expect, it } from 'vitest';
import { DEVICE_JOIN_INTERVAL, fleetDevice, shapeRecord } from '../../../producer/shapes';
import type { SimRecord } from '../../../src/lib/sim/generator';

const record: SimRecord = {
	timestamp: '2024-01-20T10:30:00.000Z',
	value: 42.5,
	category: 'A',
	status: 'normal',
	metadata: { source: 'sensor_1', location: 'building_a' }
};

describe('fleet shape', () => {
	it('fleetDevice adds a device every interval', () => {
		const devices = Array.from({ length: 4 * DEVICE_JOIN_INTERVAL }, (_, i) =>
			fleetDevice(i + 1, 3)
		);
		const firstSeen = [0, 1, 2].map((device) => devices.indexOf(device) + 1);

		expect(firstSeen).toEqual([1, DEVICE_JOIN_INTERVAL + 1, 2 * DEVICE_JOIN_INTERVAL + 1]);
		expect(new Set(devices)).toEqual(new Set([0, 1, 2]));
		expect(devices.slice(-6)).toEqual([0, 1, 2, 0, 1, 2]);
	});

	it('fleetDevice keeps one device', () => {
		expect([1, 50, 51, 500].map((seq) => fleetDevice(seq, 1))).toEqual([0, 0, 0, 0]);
	});

	it('shapeRecord fleet names the device', () => {
		const seq = 2 * DEVICE_JOIN_INTERVAL + 1;
		const shaped = shapeRecord(record, 'fleet', seq, 4);

		expect(shaped).toEqual({
			timestamp: record.timestamp,
			device: 'device-03',
			temperature: 62.5,
			seq
		});
	});
});
