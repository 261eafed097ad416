import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { findableByExternalId, type ResultKind } from '../models/product';
import { lookupRoutes, type TaskRoute } from '../api/routing';
import { InputError } from '../core/inputError';
import type { UnitEstimate } from '../models/estimate';
import { readRequest, type RequestSettings } from '../input/items';
import type { GenerationSpec } from '../input/types';
import type { Job, WaitMode } from './job';

/** Without waiting, the deadline only bounds how long a full account (1303) may delay a submit. */
const NO_WAIT_SUBMIT_LIMIT_MS = 30 * 60_000;

export interface ItemSettings extends RequestSettings {
	operation: 'generate' | 'getTask';
	wait: WaitMode;
	kind: ResultKind;
	/** Without it, the first bad item stops the run. */
	continueOnFail: boolean;
}

function inputError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), (error as Error).message, {
		itemIndex,
		description: 'Nothing was sent to Kling, so nothing was charged.',
	});
}

function newJob(itemIndex: number, now: number): Job {
	return {
		itemIndex,
		startedAt: now,
		deadline: now + NO_WAIT_SUBMIT_LIMIT_MS,
		intervalMs: 10_000,
		nextPollAt: now,
		download: false,
		outputField: 'data',
	};
}

/**
 * The wait's settings. Left at the panel's defaults, they follow a model whose tasks take far
 * longer (Kling 4.0: 30-second 1080p videos take many minutes), as the catalogue says.
 */
function readWaiting(ctx: IExecuteFunctions, job: Job, kind: ItemSettings['kind']): void {
	const i = job.itemIndex;
	const panel = kind === 'video' ? { minutes: 30, seconds: 10 } : { minutes: 5, seconds: 3 };
	const minutes = Number(ctx.getNodeParameter('waitTimeout', i, panel.minutes));
	const seconds = Number(ctx.getNodeParameter('pollInterval', i, panel.seconds));
	if (!(minutes > 0)) throw new InputError('Wait Timeout (Minutes): must be a number above 0');
	if (!(seconds >= 1)) throw new InputError('Poll Interval (Seconds): must be at least 1');
	const entry = job.request?.route.entry;
	const long = entry && 'wait' in entry ? entry.wait : undefined;
	job.deadline =
		job.startedAt + (long && minutes === panel.minutes ? long.timeoutMinutes : minutes) * 60_000;
	job.intervalMs = (long && seconds === panel.seconds ? long.pollSeconds : seconds) * 1000;
	job.download = ctx.getNodeParameter('downloadResult', i, true) as boolean;
	job.outputField = String(ctx.getNodeParameter('binaryPropertyOutput', i, 'data') || 'data');
}

function refuseExternalLookup(
	spec: GenerationSpec,
	settings: ItemSettings,
	routes: TaskRoute[],
): void {
	if (!findableByExternalId(spec))
		throw new InputError(
			`Look Up By: ${spec.label} tasks cannot be looked up by external task ID; use the task ID the creating node returned`,
		);
	const { externalIdLookup, label } = settings.profile;
	if (!externalIdLookup.length && routes.every((r) => r.standard !== 'new'))
		throw new InputError(
			`Look Up By: ${label} cannot look tasks up by external task ID; use the task ID the creating node returned (or turn the lookup on in the credential's Relay Settings if ${label} now offers it)`,
		);
}

function readLookup(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
	settings: ItemSettings,
	job: Job,
): void {
	const id = String(ctx.getNodeParameter('taskId', job.itemIndex, '') ?? '').trim();
	if (!id)
		throw new InputError('Task ID: is empty; give the task ID or external task ID to look up');
	if (spec.safety.lookup === 'none')
		throw new InputError(
			`Operation: ${spec.label} answers at once and keeps nothing to look up; use Generate`,
		);
	const by = ctx.getNodeParameter('lookupBy', job.itemIndex, 'taskId');
	const routes = lookupRoutes(spec, settings.profile, settings.credentials);
	if (by === 'externalTaskId') refuseExternalLookup(spec, settings, routes);
	job.lookup = { by: by as 'taskId' | 'externalTaskId', id, routes };
}

/** Items read between two turns of the event loop while the first creates are out. */
const READ_BETWEEN_TURNS = 10;

/**
 * Reads and checks every item before anything is sent: with bad input nothing is paid for.
 * Without Continue On Fail the first bad item stops the run; with it, the item carries its error.
 * `onJob`, where the run may stream (see `mayStream`), gets each item as soon as it is read, and
 * the reading gives the event loop a turn now and then so the creates already handed over go out.
 */
export async function readJobs(
	ctx: IExecuteFunctions,
	spec: GenerationSpec,
	settings: ItemSettings,
	onJob?: (job: Job) => void,
): Promise<Job[]> {
	const jobs: Job[] = [];
	const { continueOnFail } = settings;
	const owners = new Map<string, number>();
	for (let i = 0; i < ctx.getInputData().length; i++) {
		const job = newJob(i, Date.now());
		jobs.push(job);
		try {
			if (settings.operation === 'getTask') readLookup(ctx, spec, settings, job);
			else job.request = await readRequest(ctx, spec, settings, i);
			if (settings.wait !== 'none') readWaiting(ctx, job, settings.kind);
			claimExternalId(owners, job);
		} catch (error) {
			job.error = inputError(ctx, error, i);
			if (!continueOnFail) throw job.error;
		}
		if (!onJob) continue;
		onJob(job);
		if (i % READ_BETWEEN_TURNS === READ_BETWEEN_TURNS - 1) await sleep(0);
	}
	checkBudget(ctx, jobs);
	return jobs;
}

/**
 * Whether the first creates may go out while later items are still read. Only where that
 * changes nothing but the wait: with Continue On Fail a bad item is an error item either way and
 * stops nothing, without a budget no total must be known first, and a polling run reports every
 * item's error itself (callback-wait falls back to polling when an item is bad before the pause).
 */
export function mayStream(ctx: IExecuteFunctions, settings: ItemSettings): boolean {
	const budget = Number(ctx.getNodeParameter('options.maxUnits', 0, 0)) || 0;
	return settings.continueOnFail && settings.wait === 'poll' && !(budget > 0);
}

/**
 * Max Units per Execution: a run whose estimate is above it is refused before anything is sent.
 * A request with no price (a model typed by expression) cannot be held to a budget, so it is refused too.
 */
function checkBudget(ctx: IExecuteFunctions, jobs: Job[]): void {
	const max = Number(ctx.getNodeParameter('options.maxUnits', 0, 0)) || 0;
	const requests = jobs.filter((j) => j.request).map((j) => ({ i: j.itemIndex, r: j.request! }));
	if (!(max > 0) || !requests.length) return;
	const unpriced = requests.find(({ r }) => typeof r.estimate !== 'object');
	if (unpriced) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Max Units per Execution: item ${unpriced.i} cannot be held to a budget: ${String(unpriced.r.estimate)}`,
			{
				description:
					'Choose a model from the list, or set Max Units per Execution to 0 (no limit). Nothing was sent to Kling, so nothing was charged.',
			},
		);
	}
	const estimates = requests.map(({ r }) => r.estimate as UnitEstimate);
	const total = Math.round(estimates.reduce((sum, e) => sum + e.units, 0) * 100) / 100;
	if (total <= max) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Max Units per Execution: this run would cost about ${total} ${estimates[0].pack} units (${estimates.length} task(s)), above the limit of ${max}`,
		{
			description: `Estimated from Kling's price list, per item: ${estimates
				.slice(0, 10)
				.map((e, k) => `item ${requests[k].i}: ${e.units}`)
				.join(
					', ',
				)}${estimates.length > 10 ? ', …' : ''}. Raise the limit, send fewer items, or choose a shorter or lower-resolution setting. Nothing was sent to Kling, so nothing was charged.`,
		},
	);
}

/**
 * Kling keeps one task per external task ID and account: a second item with the same custom ID
 * would be refused, or charged, after the first was paid. Refused before anything is sent.
 */
function claimExternalId(owners: Map<string, number>, job: Job): void {
	const id = job.request?.externalTaskId;
	if (id === undefined) return;
	const first = owners.get(id);
	if (first !== undefined) {
		throw new InputError(
			`External Task ID: items ${first} and ${job.itemIndex} both use "${id}"; Kling keeps one task per external task ID, so give each item its own (e.g. add {{ $itemIndex }}) or leave it empty`,
		);
	}
	owners.set(id, job.itemIndex);
}
