import type { SimRecord } from '../src/lib/sim/generator';
import { DEFAULT_DEVICES, type RecordShape } from './options';

/** Records after which the next device of the fleet shape comes online. */
export const DEVICE_JOIN_INTERVAL = 50;

/**
 * Rewrites a seed-format record into another shape, so that the dashboard's field inference
 * can be tried on nested records without a real system. `seq`, the record's 1-based number in
 * the run, goes into the nested shapes, so a client can check that none was lost or repeated.
 *
 * @param devices - Devices of the fleet shape; see {@link fleetDevice}.
 */
export function shapeRecord(
	record: SimRecord,
	shape: RecordShape,
	seq: number,
	devices = DEFAULT_DEVICES
): unknown {
	switch (shape) {
		case 'flat':
			return record;
		case 'nested':
			return {
				seq,
				ts: record.timestamp,
				sensor: { id: record.metadata.source, site: { building: record.metadata.location } },
				reading: { value: record.value, status: record.status },
				group: record.category
			};
		case 'homeassistant':
			return {
				id: seq,
				type: 'event',
				event: {
					event_type: 'state_changed',
					data: {
						entity_id: `sensor.${record.metadata.source}`,
						new_state: {
							entity_id: `sensor.${record.metadata.source}`,
							// Home Assistant sends every state as a string.
							state: String(record.value),
							attributes: { unit_of_measurement: '°C', area: record.category }
						}
					},
					time_fired: record.timestamp.replace('Z', '+00:00')
				}
			};
		case 'fleet': {
			const device = fleetDevice(seq, devices);
			return {
				timestamp: record.timestamp,
				device: `device-${String(device + 1).padStart(2, '0')}`,
				// Each device reads 10 units above the one before, so the lines of a split do not overlap.
				temperature: Math.round((record.value + 10 * device) * 1000) / 1000,
				seq
			};
		}
	}
}

/**
 * Returns the 0-based device that sends record `seq` (1-based) of the fleet shape. Device k
 * comes online with record k × DEVICE_JOIN_INTERVAL + 1, which it sends, and then the devices
 * online take turns. So a chart split by device gains a line every DEVICE_JOIN_INTERVAL records
 * until all have joined.
 */
export function fleetDevice(seq: number, devices: number): number {
	const online = Math.min(devices, Math.floor((seq - 1) / DEVICE_JOIN_INTERVAL) + 1);
	const sinceJoin = seq - 1 - (online - 1) * DEVICE_JOIN_INTERVAL;
	return (online - 1 + sinceJoin) % online;
}
