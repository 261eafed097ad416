/**
 * `npm run demo`: the main job, offline. Builds the package, starts the Kling emulator and a real
 * n8n with the package installed, runs every example workflow and writes the generated videos,
 * images and output JSON to demo-output/.
 *
 * Against the real Kling API instead: KLING_API_KEY=... npm run demo
 * (or KLING_ACCESS_KEY + KLING_SECRET_KEY; KLING_BASE_URL to change the region or use a relay).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { KlingEmulator } from '../emulator/server.mts';
import {
	EMULATOR_CREDENTIAL_ID,
	N8nInstance,
	ROOT,
	legacyEmulatorCredential,
	listExamples,
	loadExample,
	log,
	onLegacyStandard,
} from '../test/support/n8n.mts';

const OUT = path.join(ROOT, 'demo-output');
const real = Boolean(process.env.KLING_API_KEY || process.env.KLING_ACCESS_KEY);

async function main(): Promise<number> {
	const started = Date.now();
	const emulator = new KlingEmulator({
		videoTaskMs: 6000,
		imageTaskMs: 3000,
		submittedMs: 500,
		concurrency: 5,
	});
	const emulatorUrl = await emulator.start();
	log(
		`Kling emulator on ${emulatorUrl}${real ? ' (serving sample photos only; tasks go to the real Kling API)' : ''}`,
	);
	let n8n: N8nInstance | undefined;
	let failures = 0;
	try {
		log('preparing n8n (first run installs it, about 5 minutes; later runs reuse the cache)');
		n8n = await N8nInstance.create('demo');
		const data = real
			? {
					provider: 'official',
					authMode: process.env.KLING_API_KEY ? 'apiKey' : 'accessKey',
					apiKey: process.env.KLING_API_KEY ?? '',
					accessKey: process.env.KLING_ACCESS_KEY ?? '',
					secretKey: process.env.KLING_SECRET_KEY ?? '',
					baseUrl: process.env.KLING_BASE_URL ?? '',
				}
			: {
					provider: 'official',
					authMode: 'apiKey',
					apiKey: 'emulator-api-key',
					baseUrl: emulatorUrl,
				};
		await n8n.importCredentials([
			{ id: EMULATOR_CREDENTIAL_ID, name: 'Kling API (emulator)', type: 'klingApi', data },
			...(real ? [] : [legacyEmulatorCredential(emulatorUrl)]),
		]);
		// Offline, the examples run on Kling's new standard (API key), and Image to Video once
		// more on the legacy standard (access key + secret key).
		const examples = listExamples().map((f) => ({
			file: f,
			workflow: loadExample(f, emulatorUrl),
		}));
		if (!real) {
			const i2v = loadExample('image-to-video.json', emulatorUrl);
			examples.push({ file: 'image-to-video-legacy.json', workflow: onLegacyStandard(i2v) });
		}
		await n8n.importWorkflows(examples.map((e) => e.workflow));
		rmSync(OUT, { recursive: true, force: true });
		mkdirSync(OUT, { recursive: true });
		const summary: string[] = [];
		for (const { file, workflow } of examples) {
			const t0 = Date.now();
			log(`running ${file} (${workflow.name})`);
			const result = await n8n.execute(workflow.id);
			const seconds = ((Date.now() - t0) / 1000).toFixed(1);
			const klingNodes = workflow.nodes.filter((n) =>
				String(n.type).startsWith('n8n-nodes-kling.'),
			);
			for (const klingNode of klingNodes) {
				const items = result.nodes[String(klingNode.name)] ?? [];
				const slug = String(klingNode.name)
					.toLowerCase()
					.normalize('NFKD')
					.replace(/[^a-z0-9]+/g, '-')
					.replace(/^-|-$/g, '');
				const base = file.replace(/\.json$/, '') + (klingNodes.length > 1 ? `-${slug}` : '');
				if (result.status !== 'success' || items.length === 0) {
					failures++;
					summary.push(
						`  ✗ ${base}: ${result.status} ${result.error?.message ?? ''} (${seconds} s)`,
					);
					continue;
				}
				summary.push(
					`  ✓ ${base}: ${writeResults(base, items, (b) => n8n!.readBinary(b))} (workflow ${seconds} s)`,
				);
			}
		}
		const stats = emulator.snapshot();
		console.log(
			`\nKling demo ${failures ? 'finished with failures' : 'done'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${real ? 'real Kling API' : 'offline, Kling emulator'})`,
		);
		console.log(summary.join('\n'));
		if (!real) {
			const byStandard = stats.requests
				.filter((r) => r.kind === 'create' && r.status === 200)
				.map((r) => `${r.path} (${r.auth === 'jwt' ? 'access key' : 'API key'})`);
			console.log(
				`  emulator: ${stats.creates} tasks created, ${stats.downloads} result downloads, peak concurrency ${stats.peakConcurrency}`,
			);
			console.log(`  creates: ${byStandard.join(', ')}`);
		}
		console.log(`  results in ${OUT}`);
	} finally {
		await n8n?.dispose();
		await emulator.stop();
	}
	return failures ? 1 : 0;
}

type StoredBinary = { id?: string; data?: string; fileName?: string };

/** Writes a Kling node's output JSON and files to demo-output/; says what it wrote. */
function writeResults(
	base: string,
	items: Array<{ json: Record<string, unknown>; binary?: Record<string, StoredBinary> }>,
	readBinary: (binary: StoredBinary) => Buffer,
): string {
	writeFileSync(
		path.join(OUT, `${base}.json`),
		JSON.stringify(
			items.map((i) => i.json),
			null,
			2,
		),
	);
	const files: string[] = [];
	for (const item of items) {
		for (const binary of Object.values(item.binary ?? {})) {
			const name = `${base}-${binary.fileName ?? 'result'}`;
			writeFileSync(path.join(OUT, name), readBinary(binary));
			files.push(name);
		}
	}
	const status = items.map((i) => i.json.status).join(', ');
	const element = items.map((i) => i.json.elementId).filter(Boolean);
	return `${status}${element.length ? `, element ${element.join(', ')}` : ''}${files.length ? ` → ${files.join(', ')}` : ''}`;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`Demo failed: ${(error as Error).message}`);
		process.exit(1);
	},
);
