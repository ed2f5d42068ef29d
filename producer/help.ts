import { defaultSimOptions } from '../src/lib/sim/generator';
import { MAX_RATE, MAX_SEED, MIN_RATE, SIM_PATTERNS } from '../src/lib/sim/options';
import { SAWTOOTH_PERIOD_S, SINE_PERIOD_S, TREND_RISE_TIME_S } from '../src/lib/sim/patterns';
import { RANDOM_WALK_TIME_CONSTANT_S } from '../src/lib/sim/random-walk';
import { TICK_MS } from './broadcast';
import {
	AUTO_BATCH_MAX_SINGLE_RATE,
	DEFAULT_FILE_COUNT,
	DEFAULT_HOST,
	DEFAULT_PORT
} from './options';

const defaults = defaultSimOptions();

/** The text that `--help` prints. */
export const HELP_TEXT = `Usage: npm run producer -- MODE [options]

Generates a seeded stream of JSON records for Streamlens, for example:
{"timestamp":"2024-01-20T10:30:00.000Z","value":42.5,"category":"A","status":"normal","metadata":{"source":"sensor_1","location":"building_a"}}

Modes:
  console     write JSON Lines to stdout, paced at --rate
  file        write JSON Lines to --file; without --duration, write --count records
              at once with timestamps spaced by --rate; with --duration, pace them
              in real time
  websocket   serve every connected client the records as JSON text messages (see
              --batch); GET /health returns 200 ok for readiness checks
  http        serve over HTTP: Server-Sent Events at /events (ids, retry, resume
              after Last-Event-ID; 204 once --count is reached), JSON Lines at
              /stream, the newest record at /latest, 200 ok at /health; each
              streaming client gets its own paced copy of the seeded run

Patterns swing by an amplitude of 10 % of |base| (10 when base is 0):
  sine        period ${SINE_PERIOD_S} s
  random      random walk pulled back towards base (time constant ${RANDOM_WALK_TIME_CONSTANT_S} s)
  trending    rises by one amplitude every ${TREND_RISE_TIME_S} s
  sawtooth    ramps up over ${SAWTOOTH_PERIOD_S} s, then restarts

Options:
  --pattern NAME      signal shape: ${SIM_PATTERNS.join(', ')} (default: ${defaults.pattern})
  --rate N            records per second, ${MIN_RATE} to ${MAX_RATE} (default: ${defaults.rate})
  --duration S        stop after S seconds (default: no limit)
  --count N           stop after N records; in websocket mode, N records sent to at
                      least one client (default: ${DEFAULT_FILE_COUNT} in file mode without
                      --duration, otherwise no limit)
  --base N            centre value of the signal, in value units (default: ${defaults.base})
  --noise N           standard deviation of the Gaussian noise, in value units, 0 or
                      more (default: ${defaults.noise})
  --anomaly-rate P    share of records, 0 to 1, that get a spike of 6 to 10 times
                      max(noise, 1) up or down (default: ${defaults.anomalyRate})
  --garbage-rate P    share of messages, 0 to 1, replaced by invalid JSON, to test
                      how readers handle a corrupted stream; replaced messages count
                      towards --count. In http mode the record number decides, so
                      /events (also after a resume), /stream and /latest replace
                      the same records, and /latest answers such a record with 200
                      and its invalid body (default: 0)
  --seed N            random seed, an integer from 0 to ${MAX_SEED}; the same seed
                      gives the same records (default: ${defaults.seed})
  --port N            websocket and http modes: TCP port; 0 picks a free port and
                      the start line shows it (default: ${DEFAULT_PORT})
  --host ADDRESS      websocket and http modes: address to bind (default: ${DEFAULT_HOST})
  --shape NAME        record shape: flat (the format above), nested (fields under
                      sensor, reading), homeassistant (a state_changed event with
                      the value as a string) or fleet (device and temperature, with
                      one more device online every 50 records) (default: flat)
  --devices N         fleet shape: devices, 1 to 100 (default: 4)
  --batch N|auto      websocket mode: records per message, sent as a JSON array
                      when N is above 1; auto sends one record per message up to
                      ${AUTO_BATCH_MAX_SINGLE_RATE} records/s, and above that the records due in each
                      ${TICK_MS} ms send tick as one JSON array (default: auto)
  --event TYPE        http mode: SSE event type of every record (default: none,
                      which clients read as message)
  --file PATH         file mode: output file, replaced if it exists (required)
  -h, --help          print this help and exit

A value that starts with - needs an equals sign: --base=-20.
Logs go to stderr. Exit status: 0 done, 1 failed while running, 2 invalid command line.

Examples (npm's -s keeps its banner out of stdout):
  npm run -s producer -- console --rate 5 --duration 10
  npm run -s producer -- file --file stream.jsonl --count 100000 --rate 1000
  npm run -s producer -- websocket --rate 10000 --pattern sawtooth
  npm run -s producer -- http --port 8766 --shape nested --event reading
`;
