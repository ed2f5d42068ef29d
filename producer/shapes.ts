import type { SimRecord } from '../src/lib/sim/generator';
import type { RecordShape } from './options';

/**
 * Rewrites a seed-format record into another shape, so that the dashboard's field inference
 * can be tried on nested records without a real system. `seq`, the record's 1-based number in
 * the run, goes into the nested shapes, so a client can check that none was lost or repeated.
 */
export function shapeRecord(record: SimRecord, shape: RecordShape, seq: number): unknown {
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
	}
}
