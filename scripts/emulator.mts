/**
 * `npm run emulator`: the Kling emulator on its own, for the dev instance and manual tries.
 * Flags: --port N, --task-ms N, --image-task-ms N, --concurrency N, --webhook-secret whsec_...
 */
import { KlingEmulator } from '../emulator/server.mts';

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const num = (name: string) => (flag(name) !== undefined ? Number(flag(name)) : undefined);

const emulator = new KlingEmulator({
	videoTaskMs: num('task-ms') ?? 8000,
	imageTaskMs: num('image-task-ms') ?? 4000,
	concurrency: num('concurrency') ?? 5,
	webhookSecret: flag('webhook-secret'),
});
const url = await emulator.start(num('port') ?? 8765);
console.log(`Kling emulator listening on ${url}`);
console.log(
	'  API key: emulator-api-key   access key / secret key: emulator-access-key / emulator-secret-key',
);
console.log(`  counters: ${url}/__emulator/stats`);
const stop = async () => {
	await emulator.stop();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
