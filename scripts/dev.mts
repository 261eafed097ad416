/**
 * `npm run dev`: n8n's editor on http://127.0.0.1:5678 with this package installed, the Kling
 * emulator running and a ready "Kling API (emulator)" credential and example workflows.
 * Ctrl+C stops everything. Rebuilds on start; restart to pick up code changes.
 */
import { KlingEmulator } from '../emulator/server.mts';
import {
	N8nInstance,
	emulatorCredential,
	listExamples,
	loadExample,
	log,
} from '../test/support/n8n.mts';

const EMAIL = 'dev@kling.local';
const PASSWORD = 'KlingDev1';
const port = Number(process.env.N8N_PORT ?? 5678);

const emulator = new KlingEmulator({
	videoTaskMs: 8000,
	imageTaskMs: 4000,
	submittedMs: 1000,
	concurrency: 5,
});
const emulatorUrl = await emulator.start(Number(process.env.KLING_EMULATOR_PORT ?? 8765));
log(`Kling emulator on ${emulatorUrl}`);
const n8n = await N8nInstance.create('dev', port);
await n8n.importCredentials([emulatorCredential(emulatorUrl)]);
await n8n.importWorkflows(listExamples().map((f) => loadExample(f, emulatorUrl)));
await n8n.setOwner(EMAIL, PASSWORD);
log('starting n8n');
await n8n.start();
console.log(`\nn8n is ready: http://127.0.0.1:${port}`);
console.log(`  login: ${EMAIL} / ${PASSWORD}`);
console.log(
	'  credential "Kling API (emulator)" and the example workflows are ready; Ctrl+C stops n8n and the emulator.',
);

let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	await n8n.dispose();
	await emulator.stop();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
