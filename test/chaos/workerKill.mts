/**
 * The killed-worker part of `npm run test:chaos`: a real queue-mode n8n (main, two workers, a
 * webhook process, PostgreSQL, Redis) against the emulator; in each seeded round a worker is
 * killed (SIGKILL) while it waits for Kling, then started again, as a host's supervisor would.
 *
 * - Callback-wait, killed while the execution waits: the execution is in the database, so the
 *   callbacks resume it on a worker and every item ends with its result.
 * - Polling with External Task IDs from the data (what docs/queue-mode.md advises): n8n does not
 *   retry the job; the same input run again finds the lost run's tasks (Kling refuses their IDs a
 *   second time, free) and pays only for the rest.
 * - Polling with the generated IDs: the run again cannot find the lost run's tasks; counted as
 *   paid, not delivered (the figure the advice above exists for), not as a violation.
 *
 * Invariants: no external task ID created twice, no item lost where recovery is possible, no
 * round stuck past its watchdog.
 */
import { KlingEmulator } from '../../emulator/server.mts';
import { emulatorCredential } from '../support/n8n.mts';
import { QueueCluster } from '../support/queueMode.mts';
import { startSink } from '../support/sink.mts';
import { flow, i2v } from '../support/queueFlows.mts';

export interface WorkerKillSummary {
	rounds: number;
	byKind: Record<Kind, { rounds: number; items: number; delivered: number }>;
	/** Tasks the emulator created more than once for one external task ID: must be 0. */
	maxCreatesPerExternalId: number;
	/** Items that never reached the sink where recovery is possible: must be 0. */
	itemsLost: number;
	/** Rounds that did not end within the watchdog: must be 0. */
	stuck: number;
	/** Polling with generated IDs: tasks the killed run created that no run delivered. */
	paidNotDelivered: number;
	violations: Array<{ seed: number; problem: string }>;
}

type Kind = 'callback-wait' | 'polling, IDs from data' | 'polling, generated IDs';
const KINDS: Kind[] = ['callback-wait', 'polling, IDs from data', 'polling, generated IDs'];
const FLOW: Record<Kind, string> = {
	'callback-wait': 'kwCallback',
	'polling, IDs from data': 'kwPollData',
	'polling, generated IDs': 'kwPollGen',
};
const ROUND_WATCHDOG_MS = 150_000;

export async function runWorkerKills(seeds: number[]): Promise<WorkerKillSummary> {
	const emulator = new KlingEmulator({ videoTaskMs: 4000, submittedMs: 300, concurrency: 5 });
	const url = await emulator.start();
	const sink = await startSink();
	const generated = { options: { maxConcurrency: 5 } };
	const flows = [
		flow(FLOW['callback-wait'], sink.url, i2v(FLOW['callback-wait'], 'callback', generated)),
		flow(FLOW['polling, IDs from data'], sink.url, i2v(FLOW['polling, IDs from data'], 'poll')),
		flow(
			FLOW['polling, generated IDs'],
			sink.url,
			i2v(FLOW['polling, generated IDs'], 'poll', generated),
		),
	];
	const summary: WorkerKillSummary = {
		rounds: 0,
		byKind: Object.fromEntries(
			KINDS.map((k) => [k, { rounds: 0, items: 0, delivered: 0 }]),
		) as WorkerKillSummary['byKind'],
		maxCreatesPerExternalId: 0,
		itemsLost: 0,
		stuck: 0,
		paidNotDelivered: 0,
		violations: [],
	};
	let cluster: QueueCluster | undefined;
	try {
		cluster = await QueueCluster.start(
			[emulatorCredential(url)],
			flows,
			flows.map((f) => f.id),
		);
		const image = `${url}/samples/photo-1.png`;
		for (const seed of seeds) {
			const round = new Round(seed, cluster, emulator, sink, image, summary);
			const outcome = await Promise.race([
				round.play().then(() => 'done' as const),
				new Promise<'stuck'>((r) => setTimeout(() => r('stuck'), ROUND_WATCHDOG_MS).unref()),
			]).catch((error: Error) => {
				summary.violations.push({ seed, problem: error.message });
				return 'failed' as const;
			});
			if (outcome === 'stuck') {
				summary.stuck++;
				summary.violations.push({ seed, problem: `stuck past ${ROUND_WATCHDOG_MS} ms` });
				await round.abandon();
			}
			summary.rounds++;
		}
	} finally {
		await cluster?.stop();
		await sink.close();
		await emulator.stop();
	}
	return summary;
}

class Round {
	private abandoned = false;
	readonly kind: Kind;
	readonly items: number;
	readonly run: string;

	constructor(
		readonly seed: number,
		private readonly cluster: QueueCluster,
		private readonly emulator: KlingEmulator,
		private readonly sink: Awaited<ReturnType<typeof startSink>>,
		private readonly image: string,
		private readonly summary: WorkerKillSummary,
	) {
		this.kind = KINDS[seed % KINDS.length];
		this.items = 3 + (seed % 5);
		this.run = `kill-${seed}`;
	}

	private get flowId(): string {
		return FLOW[this.kind];
	}

	private received() {
		return this.sink.received.filter((r) => r.flow === this.flowId && r.run === this.run);
	}

	private async start(): Promise<void> {
		const r = await fetch(`${this.cluster.webhookBase}/webhook/${this.flowId}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ image: this.image, count: this.items, run: this.run }),
		});
		if (r.status !== 200) throw new Error(`${this.kind}: the webhook answered ${r.status}`);
	}

	private async until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
		while (!(await check())) {
			if (this.abandoned) throw new Error(`abandoned while waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}

	/** The worker that started the round's newest execution, from its log. */
	private async workerOfLatest(): Promise<'w1' | 'w2'> {
		const rows = await this.cluster.sql(
			`select id from execution_entity where "workflowId" = '${this.flowId}' order by id desc limit 1`,
		);
		const id = rows[0]?.[0];
		let worker: 'w1' | 'w2' | undefined;
		await this.until(() => {
			worker = (['w1', 'w2'] as const).find((w) =>
				this.cluster.log(w).includes(`Worker started execution ${id} `),
			);
			return worker !== undefined;
		}, `the worker of execution ${id}`);
		return worker!;
	}

	private async status(): Promise<string | undefined> {
		const rows = await this.cluster.sql(
			`select status from execution_entity where "workflowId" = '${this.flowId}' order by id desc limit 1`,
		);
		return rows[0]?.[0];
	}

	async play(): Promise<void> {
		this.emulator.reset({ videoTaskMs: 4000, submittedMs: 300, concurrency: 5 });
		const figures = this.summary.byKind[this.kind];
		figures.rounds++;
		figures.items += this.items;
		await this.start();
		// The moment of the kill, seeded: after the first create, or once every task is out.
		const creates = 1 + (this.seed % Math.min(this.items, 5));
		if (this.kind === 'callback-wait') {
			await this.until(async () => (await this.status()) === 'waiting', 'the pause');
		} else {
			await this.until(() => this.emulator.snapshot().creates >= creates, `${creates} creates`);
		}
		const worker = await this.workerOfLatest();
		this.cluster.kill(worker);
		await this.cluster.restartWorker(worker);
		// The lost run's tasks: every task so far (a create it had in flight has landed by now).
		const createdByLost = this.emulator.snapshot().tasks.map((t) => t.externalId);
		if (this.kind !== 'callback-wait') {
			// n8n does not retry the job (maxStalledCount 0): the user runs the same input again.
			await this.start();
		}
		await this.until(() => this.received().length >= this.items, `${this.items} items`);
		this.check(createdByLost);
	}

	private check(createdByLost: Array<string | undefined>): void {
		const stats = this.emulator.snapshot();
		const most = Math.max(0, ...Object.values(stats.createsByExternalId));
		this.summary.maxCreatesPerExternalId = Math.max(this.summary.maxCreatesPerExternalId, most);
		if (most > 1) this.violation(`an external task ID was created ${most} times`);
		// Where the lost run's tasks can be found again, nothing is paid for twice.
		if (this.kind !== 'polling, generated IDs' && stats.tasks.length > this.items)
			this.violation(`${stats.tasks.length} tasks were created for ${this.items} items`);
		const delivered = this.received().filter(
			(r) => (r.json as { status?: string }).status === 'succeeded',
		);
		this.summary.byKind[this.kind].delivered += delivered.length;
		const lost = this.items - delivered.length;
		if (lost > 0) {
			this.summary.itemsLost += lost;
			this.violation(`${lost} of ${this.items} items did not end with their result`);
		}
		if (this.kind === 'polling, generated IDs') {
			const deliveredIds = new Set(delivered.map((r) => (r.json as { taskId?: string }).taskId));
			const lostRun = stats.tasks.filter(
				(t) => createdByLost.includes(t.externalId) && !deliveredIds.has(t.id),
			);
			this.summary.paidNotDelivered += lostRun.length;
		}
	}

	private violation(problem: string): void {
		this.summary.violations.push({ seed: this.seed, problem: `${this.kind}: ${problem}` });
	}

	/** A stuck round: the next one starts from a clean emulator and its own run name. */
	async abandon(): Promise<void> {
		this.abandoned = true;
		await new Promise((r) => setTimeout(r, 500));
	}
}
