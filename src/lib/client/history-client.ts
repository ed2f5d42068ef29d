import * as Comlink from 'comlink';
import type { HistoryService } from '../history/history-service';

/** Starts the history worker and returns its service with a way to end it. */
export function connectHistory(): { service: Comlink.Remote<HistoryService>; dispose: () => void } {
	const worker = new Worker(new URL('../../../workers/history.worker.ts', import.meta.url), {
		type: 'module',
		name: 'history'
	});
	return { service: Comlink.wrap<HistoryService>(worker), dispose: () => worker.terminate() };
}

/** Saves a Blob under a file name through a temporary link, as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.click();
	// The download has taken its own reference by the next task.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
