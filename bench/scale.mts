/**
 * At scale (#17), part of `npm run bench`; `npm run bench -- --only=scale` runs only this.
 * - Contention: 4 executions × 5 items started together on one Kling account (T, C = 5), in
 *   regular mode and in queue mode with two workers, alternating: the slowest execution's end
 *   against ceil(20 / C) · T, the creates Kling refused with 1303, and the slot-seconds left idle.
 * - Scale: 1,000 image items in one execution at C = 50 in queue mode: wall against the ideal,
 *   the worker's peak RSS and its growth per 100 items, creates per item.
 * KLING_SCALE_TRACE=<file> writes each 1,000-item run's emulator record (every task and request,
 * timed) to <file>.<run>, to see where a wave's time goes.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { lowerBoundOf } from './lowerBound.mts';

import { KlingEmulator, type EmulatorStats } from '../emulator/server.mts';
import { N8nInstance, emulatorCredential, log, type WorkflowJson } from '../test/support/n8n.mts';
import { QueueCluster } from '../test/support/queueMode.mts';
import { startSink } from '../test/support/sink.mts';
import { chain, itemsFromBody, kling, sinkNode, webhookNode } from '../test/support/workflows.mts';

export interface ScaleConfig {
	reps: number;
	taskMs: number;
	/** Task lengths drawn (seeded) from T ± spread × T, as in the fan-out. */
	spread: number;
	concurrency: number;
	executions: number;
	itemsEach: number;
	scaleItems: number;
	scaleConcurrency: number;
	scaleTaskMs: number;
}

export const SCALE: ScaleConfig = {
	reps: 3,
	taskMs: 5000,
	spread: 0.25,
	concurrency: 5,
	executions: 4,
	itemsEach: 5,
	scaleItems: 1000,
	scaleConcurrency: 50,
	scaleTaskMs: 1500,
};

export interface ContentionRun {
	mode: 'regular' | 'queue';
	wallMs: number;
	/** The schedule's lower bound for the lengths this run's tasks had. */
	idealMs: number;
	refused1303: number;
	idleSlotSeconds: number;
	createsPerItem: number;
	peakConcurrency: number;
}

export interface ScaleRun {
	items: number;
	wallMs: number;
	/** The Kling node's own run time, from n8n's run data: the wall without start-up and sink. */
	nodeMs: number;
	idealMs: number;
	createsPerItem: number;
	workerPeakRssMb: number;
	workerBaseRssMb: number;
	rssGrowthPer100Mb: number;
	cpuBusy: number;
	/** CPU-seconds the worker's own process used, per second of the run: 1 is one core saturated. */
	workerCoreShare: number;
	/** Where each slot's turnaround goes (see turnaround()). */
	turnaround: Turnaround;
	/**
	 * The wall in three parts: the webhook call to the first create, the first create to the last
	 * task's end, that to the last item at the sink; within the span, the first task's end to the
	 * first refill (nothing learned yet: the Poll Interval sets it); within the tail, the last
	 * task's end to the last download asked for.
	 */
	phases: {
		startupMs: number;
		/** Within start-up, the Kling node's start to its first create: the items read and checked. */
		checkMs: number;
		spanMs: number;
		tailMs: number;
		firstRefillMs: number;
		lastDownloadMs: number;
	};
}

/**
 * Slots are reused in order, so task k + C takes the slot task k frees. Per slot: from task k's
 * end to the first status read after it (seen), and from that read to task k + C's create
 * (refilled); medians and 90th percentiles in ms, and the reads' count.
 */
export interface Turnaround {
	seenMedianMs: number;
	seenP90Ms: number;
	refillMedianMs: number;
	refillP90Ms: number;
	statusReads: number;
}

function turnaround(stats: EmulatorStats, slots: number): Turnaround {
	const tasks = [...stats.tasks].sort((a, b) => a.createdAt - b.createdAt);
	const reads = stats.requests
		.filter((r) => r.kind === 'list' || r.kind === 'query')
		.map((r) => r.at)
		.sort((a, b) => a - b);
	const seen: number[] = [];
	const refill: number[] = [];
	for (let k = 0; k + slots < tasks.length; k++) {
		const read = reads.find((at) => at >= tasks[k].finishAt);
		if (read === undefined) continue;
		seen.push(read - tasks[k].finishAt);
		refill.push(tasks[k + slots].createdAt - read);
	}
	const pick = (xs: number[], q: number) =>
		xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)] : 0;
	return {
		seenMedianMs: pick(seen, 0.5),
		seenP90Ms: pick(seen, 0.9),
		refillMedianMs: pick(refill, 0.5),
		refillP90Ms: pick(refill, 0.9),
		statusReads: reads.length,
	};
}

function phasesOf(
	stats: EmulatorStats,
	started: number,
	end: number,
	slots: number,
	nodeStart: number,
): ScaleRun['phases'] {
	const created = stats.tasks.map((t) => t.createdAt).sort((a, b) => a - b);
	const firstEnd = Math.min(...stats.tasks.map((t) => t.finishAt));
	const lastEnd = Math.max(...stats.tasks.map((t) => t.finishAt));
	const downloads = stats.requests.filter((r) => r.kind === 'download').map((r) => r.at);
	return {
		startupMs: created[0] - started,
		checkMs: created[0] - nodeStart,
		spanMs: lastEnd - created[0],
		tailMs: end - lastEnd,
		firstRefillMs: created[slots] - firstEnd,
		lastDownloadMs: Math.max(...downloads) - lastEnd,
	};
}

type Sink = Awaited<ReturnType<typeof startSink>>;

/** Webhook (POST {count, run}) → Items → `node` → Sink (the run and the item's status). */
function flow(id: string, sinkUrl: string, node: Record<string, unknown>): WorkflowJson {
	return chain(id, [
		webhookNode(`${id}-in`, id),
		itemsFromBody(
			`${id}-items`,
			'return Array.from({ length: b.count }, (_, i) => ({ json: { i, run: b.run } }));',
		),
		node,
		sinkNode(
			`${id}-out`,
			sinkUrl,
			"={{ JSON.stringify({ run: $('Items').item.json.run, status: $json.status, mime: $binary.data ? $binary.data.mimeType : null }) }}",
		),
	]);
}

function workflows(emulatorUrl: string, sinkUrl: string, config: ScaleConfig): WorkflowJson[] {
	const image = `${emulatorUrl}/samples/photo-1.png`;
	return [
		flow(
			'scaleContention',
			sinkUrl,
			kling('klingImage2Video', 'Kling Image to Video', {
				model: 'kling-v2-6',
				image,
				prompt: '={{ "item " + $json.i }}',
				waitTimeout: 10,
				pollInterval: 1,
				options: { maxConcurrency: config.concurrency },
			}),
		),
		flow(
			'scaleImages',
			sinkUrl,
			kling(
				'klingMultiImage2Image',
				'Kling Multi-Image to Image',
				{
					model: 'kling-v3-omni',
					prompt: '={{ "<<<image_1>>> as item " + $json.i }}',
					subjectImages: { image: [{ value: image }] },
					waitTimeout: 30,
					pollInterval: 1,
					options: { maxConcurrency: config.scaleConcurrency },
				},
				// What a 1,000-item pipeline sets, so one bad item does not stop the rest; it also lets
				// the first creates go out while later items are still read.
				{ onError: 'continueRegularOutput' },
			),
		),
	];
}

/** Slot-seconds the account had free while work was waiting: C × span − the tasks' own time. */
function idleSlotSeconds(stats: EmulatorStats, startedAt: number, concurrency: number): number {
	const end = Math.max(...stats.tasks.map((t) => t.finishAt));
	const busy = stats.tasks.reduce((sum, t) => sum + (t.finishAt - t.createdAt), 0);
	return Math.round((concurrency * (end - startedAt) - busy) / 100) / 10;
}

async function untilCount(sink: Sink, run: string, count: number, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	const mine = () => sink.received.filter((r) => r.run === run).length;
	while (mine() < count) {
		if (Date.now() > deadline) throw new Error(`${run}: ${mine()} of ${count} items`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return Math.max(...sink.received.map((r, i) => (r.run === run ? sink.times[i] : 0)));
}

async function contention(
	mode: ContentionRun['mode'],
	webhookBase: string,
	emulator: KlingEmulator,
	sink: Sink,
	config: ScaleConfig,
	rep: number,
): Promise<ContentionRun> {
	emulator.reset({
		videoTaskMs: config.taskMs,
		taskMsSpread: config.spread,
		submittedMs: 500,
		concurrency: config.concurrency,
	});
	const runs = Array.from({ length: config.executions }, (_, e) => `${mode}-${rep}-${e}`);
	const started = Date.now();
	await Promise.all(
		runs.map((run) =>
			fetch(`${webhookBase}/webhook/scaleContention`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ count: config.itemsEach, run }),
			}),
		),
	);
	const ends = await Promise.all(
		runs.map(async (run) => await untilCount(sink, run, config.itemsEach, 10 * 60_000)),
	);
	const stats = emulator.snapshot();
	const items = config.executions * config.itemsEach;
	return {
		mode,
		wallMs: Math.max(...ends) - started,
		idealMs: lowerBoundOf(stats.tasks, config.concurrency),
		refused1303: stats.rejectedCreates['1303'] ?? 0,
		idleSlotSeconds: idleSlotSeconds(stats, started, config.concurrency),
		createsPerItem: stats.creates / items,
		peakConcurrency: stats.peakConcurrency,
	};
}

function rssMb(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
	} catch {
		return 0;
	}
}

/** CPU time a process has used, in ms (utime + stime, at 100 ticks a second). */
function cpuMs(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return 0;
	}
}

/** Busy share of the machine's CPUs between two readings of /proc/stat. */
function cpuTimes(): { idle: number; total: number } {
	const fields = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.split(/\s+/)
		.slice(1)
		.map(Number);
	return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b, 0) };
}

/** n8n stores run data flattened (the `flatted` format): strings and objects by index. */
function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (done.has(index)) return done.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		const out: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
		done.set(index, out);
		for (const [k, v] of Object.entries(value))
			out[k] = typeof v === 'string' ? revive(Number(v)) : v;
		return out;
	};
	return revive(0);
}

/** When the node started and how long it ran in the workflow's nth execution, from n8n's run data. */
async function nodeRun(cluster: QueueCluster, workflowId: string, node: string, nth: number) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const [row] = await cluster.sql(
			`select d.data from execution_entity e join execution_data d on d."executionId" = e.id where e."workflowId" = '${workflowId}' and e.status = 'success' order by e.id offset ${nth} limit 1`,
		);
		if (row) {
			const data = unflatten(row[0]) as {
				resultData: {
					runData: Record<string, Array<{ startTime: number; executionTime: number }>>;
				};
			};
			return data.resultData.runData[node][0];
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`no finished execution of ${workflowId}`);
}

async function scale(
	cluster: QueueCluster,
	emulator: KlingEmulator,
	sink: Sink,
	config: ScaleConfig,
	rep: number,
): Promise<ScaleRun> {
	emulator.reset({
		imageTaskMs: config.scaleTaskMs,
		taskMsSpread: config.spread,
		submittedMs: 200,
		concurrency: config.scaleConcurrency,
	});
	const workers = cluster.workerPids();
	const base = Object.fromEntries(workers.map((p) => [p, rssMb(p)]));
	const peak = { ...base };
	const sampler = setInterval(() => {
		for (const p of workers) peak[p] = Math.max(peak[p], rssMb(p));
	}, 250);
	const cpu0 = cpuTimes();
	const workerCpu0 = Object.fromEntries(workers.map((p) => [p, cpuMs(p)]));
	const started = Date.now();
	try {
		await fetch(`${cluster.webhookBase}/webhook/scaleImages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ count: config.scaleItems, run: `scale-${rep}` }),
		});
		const end = await untilCount(sink, `scale-${rep}`, config.scaleItems, 20 * 60_000);
		const cpu1 = cpuTimes();
		// The worker that ran it grew; the other one idled.
		const ran = workers.reduce((a, b) => (peak[b] - base[b] > peak[a] - base[a] ? b : a));
		const stats = emulator.snapshot();
		const node = await nodeRun(cluster, 'scaleImages', 'Kling Multi-Image to Image', rep);
		const trace = process.env.KLING_SCALE_TRACE;
		if (trace) writeFileSync(`${trace}.${rep}`, JSON.stringify({ started, end, stats }));
		const ideal = lowerBoundOf(stats.tasks, config.scaleConcurrency);
		return {
			items: config.scaleItems,
			wallMs: end - started,
			nodeMs: node.executionTime,
			idealMs: ideal,
			createsPerItem: stats.creates / config.scaleItems,
			workerPeakRssMb: peak[ran],
			workerBaseRssMb: base[ran],
			rssGrowthPer100Mb: Math.round(((peak[ran] - base[ran]) / config.scaleItems) * 1000) / 10,
			cpuBusy: Math.round((1 - (cpu1.idle - cpu0.idle) / (cpu1.total - cpu0.total)) * 100) / 100,
			workerCoreShare: Math.round(((cpuMs(ran) - workerCpu0[ran]) / (end - started)) * 100) / 100,
			turnaround: turnaround(stats, config.scaleConcurrency),
			phases: phasesOf(stats, started, end, config.scaleConcurrency, node.startTime),
		};
	} finally {
		clearInterval(sampler);
	}
}

/** Both modes against one emulator and one sink, alternating, then the 1,000-item run. */
export async function runScale(config: ScaleConfig = SCALE) {
	const emulator = new KlingEmulator({ concurrency: config.concurrency });
	const url = await emulator.start();
	const sink = await startSink();
	const flows = workflows(url, sink.url, config);
	const regular = await N8nInstance.create('bench-scale');
	let cluster: QueueCluster | undefined;
	try {
		await regular.importCredentials([emulatorCredential(url)]);
		await regular.importWorkflows(flows);
		for (const f of flows) await regular.publish(f.id);
		await regular.start();
		await regular.waitForWebhook('scaleContention');
		cluster = await QueueCluster.start(
			[emulatorCredential(url)],
			flows,
			flows.map((f) => f.id),
		);
		const runs: ContentionRun[] = [];
		for (let rep = 0; rep < config.reps; rep++) {
			log(`bench: contention, run ${rep + 1} of ${config.reps}`);
			runs.push(
				await contention(
					'regular',
					`http://127.0.0.1:${regular.port}`,
					emulator,
					sink,
					config,
					rep,
				),
			);
			runs.push(await contention('queue', cluster.webhookBase, emulator, sink, config, rep));
		}
		await regular.stop();
		const bigs: ScaleRun[] = [];
		for (let rep = 0; rep < config.reps; rep++) {
			log(
				`bench: ${config.scaleItems} image items in queue mode, run ${rep + 1} of ${config.reps}`,
			);
			bigs.push(await scale(cluster, emulator, sink, config, rep));
		}
		const middle = [...bigs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(bigs.length / 2)];
		return { contention: runs, scale: middle, scaleRuns: bigs };
	} finally {
		await cluster?.stop();
		await regular.dispose();
		await sink.close();
		await emulator.stop();
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The markdown section and the target lines for bench/results.md. */
export function scaleReport(result: Awaited<ReturnType<typeof runScale>>, config: ScaleConfig) {
	// The emulator draws the same lengths in every run (seeded): one lower bound for all of them.
	const ideal = median(result.contention.map((r) => r.idealMs));
	const modes = (['regular', 'queue'] as const).map((mode) => {
		const runs = result.contention.filter((r) => r.mode === mode);
		const wall = median(runs.map((r) => r.wallMs));
		return {
			mode,
			wall,
			ratio: Math.round((wall / ideal) * 1000) / 1000,
			walls: runs.map((r) => (r.wallMs / 1000).toFixed(1)).join(' / '),
			refused: runs.map((r) => r.refused1303).join(' / '),
			idle: runs.map((r) => r.idleSlotSeconds).join(' / '),
			creates: Math.max(...runs.map((r) => r.createsPerItem)),
			peak: Math.max(...runs.map((r) => r.peakConcurrency)),
		};
	});
	const s = result.scale;
	const each = (f: (r: ScaleRun) => string) => result.scaleRuns.map(f).join(' / ');
	const scaleRatio = Math.round((s.wallMs / s.idealMs) * 1000) / 1000;
	const nodeRatio = Math.round((s.nodeMs / s.idealMs) * 1000) / 1000;
	const frame =
		Math.round(((s.idealMs + s.phases.startupMs + s.phases.tailMs) / s.idealMs) * 1000) / 1000;
	const targets = [
		...modes.map((m) => ({
			target: `contention (${m.mode === 'queue' ? 'queue mode, 2 workers' : 'regular mode'}): ${config.executions} executions × ${config.itemsEach} items ≤ 1.10 × ideal`,
			measured: `${m.ratio} × (${(m.wall / 1000).toFixed(1)} s vs ${(ideal / 1000).toFixed(1)} s)`,
			met: m.ratio <= 1.1,
		})),
		{
			target: `scale: ${s.items} image items at C = ${config.scaleConcurrency} ≤ 1.05 × ideal`,
			measured: `${scaleRatio} × (${(s.wallMs / 1000).toFixed(1)} s vs ${(s.idealMs / 1000).toFixed(1)} s); the Kling node's own run ${nodeRatio} ×`,
			met: scaleRatio <= 1.05,
		},
		{
			target: `scale: the Kling node's own run ≤ 1.05 × ideal`,
			measured: `${nodeRatio} × (${(s.nodeMs / 1000).toFixed(1)} s)`,
			met: nodeRatio <= 1.05,
		},
		{
			target: `scale: from the Kling node's start to its first create ≤ 0.3 s for ${s.items} items`,
			measured: `${(s.phases.checkMs / 1000).toFixed(2)} s`,
			met: s.phases.checkMs <= 300,
		},
	];
	const section = `## At scale: several executions on one account, and 1,000 items in queue mode

Contention: ${config.executions} executions × ${config.itemsEach} items started together (4 webhook calls at once), task lengths T = ${config.taskMs / 1000} s ± ${config.spread * 100} % (seeded, the same in every run), account concurrency C = ${config.concurrency}, Max Concurrent Tasks ${config.concurrency}; ideal = the schedule's lower bound for those lengths, ${(ideal / 1000).toFixed(1)} s (ceil(${config.executions * config.itemsEach}/C)·T would say ${(Math.ceil((config.executions * config.itemsEach) / config.concurrency) * config.taskMs) / 1000} s), measured to the slowest execution's last item. Idle slot-seconds: C × (last task end − start) − the tasks' own time (the ramp-up included). Regular and queue mode alternate, ${config.reps} runs each.

| mode | wall, median (runs) | ratio to ideal | creates refused with 1303 (runs) | idle slot-seconds (runs) | creates per item | peak concurrency |
|---|---|---|---|---|---|---|
${modes.map((m) => `| ${m.mode === 'queue' ? 'queue, main + 2 workers + webhook' : 'regular'} | ${(m.wall / 1000).toFixed(1)} s (${m.walls}) | ${m.ratio} | ${m.refused} | ${m.idle} | ${m.creates} | ${m.peak} |`).join('\n')}

Scale, ${result.scaleRuns.length} runs one after another: walls ${each((r) => `${(r.wallMs / 1000).toFixed(1)} s`)} (${each((r) => `${Math.round((r.wallMs / r.idealMs) * 1000) / 1000} ×`)}), the Kling node's own run ${each((r) => `${Math.round((r.nodeMs / r.idealMs) * 1000) / 1000} ×`)}, first refill ${each((r) => `${(r.phases.firstRefillMs / 1000).toFixed(2)} s`)} (a run on a worker that has already seen such tasks checks its first wave at their length, not at the Poll Interval). The median run by wall: ${s.items} Multi-Image to Image items (Image 3.0 Omni, one image each) in one execution, image tasks ${config.scaleTaskMs / 1000} s ± ${config.spread * 100} %, C = ${config.scaleConcurrency}, queue mode: ${(s.wallMs / 1000).toFixed(1)} s against an ideal (the schedule's lower bound) of ${(s.idealMs / 1000).toFixed(1)} s (${scaleRatio} ×), of which the Kling node itself ran ${(s.nodeMs / 1000).toFixed(1)} s (${nodeRatio} ×, from n8n's run data), ${s.createsPerItem} create per item; the worker that ran it went from ${s.workerBaseRssMb} MB to a peak of ${s.workerPeakRssMb} MB RSS (${s.rssGrowthPer100Mb} MB per 100 items); the machine's CPUs were ${Math.round(s.cpuBusy * 100)} % busy during the run, and the worker's own process used ${Math.round(s.workerCoreShare * 100)} % of one core (an execution runs on one thread: ${s.workerCoreShare >= 0.8 ? "near 100 %, n8n's per-item work, not Kling's slots, sets the pace" : 'not saturated'}). The wall in three parts: ${(s.phases.startupMs / 1000).toFixed(2)} s from the webhook call to the first create (n8n queues the execution, a worker starts it; then ${(s.phases.checkMs / 1000).toFixed(2)} s from the Kling node's start, until its first create: with On Error set to continue, the first creates go out while the later of the ${s.items} items are still read and checked), ${(s.phases.spanMs / 1000).toFixed(2)} s from the first create to the last task's end (${Math.round((s.phases.spanMs / s.idealMs) * 1000) / 1000} × ideal: the slots' ramp-up and turnaround; ${(s.phases.firstRefillMs / 1000).toFixed(2)} s of it from the first task's end to the first refill, as the first wave is checked at the Poll Interval of 1 s until one of its tasks has finished), and ${(s.phases.tailMs / 1000).toFixed(2)} s from there to the last item at the sink (the last download was asked for ${(s.phases.lastDownloadMs / 1000).toFixed(2)} s after the last task's end; the rest is the node's output and the sink node's ${s.items} requests). The first and last parts alone make ${Math.round(((s.phases.startupMs + s.phases.tailMs) / s.idealMs) * 1000) / 10} % of the ideal: were every slot refilled the instant its task ended, the wall would still be ${frame} × ideal${frame > 1.05 ? ', so this harness cannot show 1.05 ×' : ''}; the node's own run and the span are the figures to watch. Per slot, from a task's end to the first status read after it: median ${s.turnaround.seenMedianMs} ms (90th percentile ${s.turnaround.seenP90Ms}); from that read to the slot's next create: median ${s.turnaround.refillMedianMs} ms (90th percentile ${s.turnaround.refillP90Ms}); ${s.turnaround.statusReads} status reads in all.
`;
	return { section, targets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	runScale()
		.then((result) => console.log(scaleReport(result, SCALE).section))
		.catch((error) => {
			console.error(error);
			process.exitCode = 1;
		});
}
