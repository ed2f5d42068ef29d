/**
 * Command-line entry of the producer: `npm run producer -- MODE [options]`. Parses the
 * arguments, prints help or a one-line usage error (exit status 2), or runs the mode.
 */
import { HELP_TEXT } from './help';
import { log } from './log';
import { parseProducerArgs, type ProducerOptions } from './options';
import { runConsoleMode, runFileMode } from './stream-modes';
import { runHttpMode } from './http-mode';
import { runWebSocketMode } from './websocket-mode';

function runMode(options: ProducerOptions): Promise<number> {
	switch (options.mode) {
		case 'console':
			return runConsoleMode(options);
		case 'file':
			return runFileMode(options);
		case 'websocket':
			return runWebSocketMode(options);
		case 'http':
			return runHttpMode(options);
	}
}

const parsed = parseProducerArgs(process.argv.slice(2));

if (parsed.kind === 'help') {
	process.stdout.write(HELP_TEXT);
} else if (parsed.kind === 'error') {
	log(parsed.message);
	process.exitCode = 2;
} else {
	try {
		process.exitCode = await runMode(parsed.options);
	} catch (error) {
		log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exitCode = 1;
	}
}
