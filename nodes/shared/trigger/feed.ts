import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { KlingClient } from '../api/client';
import type { TaskRoute } from '../api/routing';
import type { KlingTask } from '../api/task';
import { connect } from '../products/connect';
import { productsOn } from '../products/registry';
import type { ProductSpec } from '../products/spec';
import {
	eventFilter,
	eventItem,
	knownType,
	onlyTypeOn,
	taskRoutes,
	wanted,
	type EventFilter,
} from './events';

/**
 * What a polling trigger remembers between polls, in the workflow's static data: `since`, a time
 * on Kling's clock before which every task status has been dealt with, and the statuses emitted
 * (or present at the first poll) since then. Only Kling's own times are compared, so a skewed n8n
 * clock changes nothing.
 */
export interface FeedState {
	since?: number;
	seen?: Record<string, number>;
}

/**
 * How far behind the newest update a status may still show up: a list read just after a task
 * changed may not show it yet. Statuses older than this are forgotten, which bounds the memory.
 */
export const SETTLE_MS = 10 * 60_000;

export interface FeedEntry {
	task: KlingTask;
	type: ProductSpec | null;
	standard: 'new' | 'legacy';
}

/**
 * The lists that show the account's tasks: the new standard's cursor list where the credential
 * speaks it, and each task endpoint's page list where the provider serves one. Both are read where
 * both exist, since whether the cursor list shows legacy-created videos is not known.
 */
export function feedRoutes(client: KlingClient, taskTypes?: string[]): TaskRoute[] {
	const { profile } = client.provider;
	// A legacy list of a task type the trigger does not want is not read at all.
	const wantedOn = (route: TaskRoute) =>
		!taskTypes || productsOn(route.legacy).some((p) => taskTypes.includes(p.id));
	// A solution's own list (try-on) likewise, only when its product is wanted.
	const solutionWanted = (route: TaskRoute) =>
		!taskTypes || taskTypes.includes(onlyTypeOn(route)?.id ?? '');
	return taskRoutes(client).filter((route) =>
		route.standard === 'new'
			? !route.new?.solution || solutionWanted(route)
			: profile.taskList && wantedOn(route),
	);
}

/** Every task created since `sinceMs` on the account's lists, once each, with its type where known. */
export async function readFeed(
	client: KlingClient,
	routes: TaskRoute[],
	sinceMs: number,
	statuses: string[],
): Promise<FeedEntry[]> {
	const byId = new Map<string, FeedEntry>();
	for (const route of routes) {
		for (const task of await client.listSince(route, sinceMs, statuses)) {
			const type = knownType(task) ?? onlyTypeOn(route);
			const earlier = byId.get(task.taskId);
			if (!earlier) byId.set(task.taskId, { task, type, standard: route.standard });
			else earlier.type ??= type;
		}
	}
	return [...byId.values()];
}

/** Kling's time of the task's current status; a task without times cannot be placed and is left out. */
function statusTime(task: KlingTask): number | null {
	return task.updatedAt ?? task.createdAt;
}

/**
 * The entries whose status is new since the last poll, and the state for the next one. The first
 * poll only learns what is there: a trigger reports what happens after it starts.
 */
export function takeNew(state: FeedState, entries: FeedEntry[]): FeedEntry[] {
	const first = state.since === undefined;
	const seen = { ...(state.seen ?? {}) };
	const fresh: FeedEntry[] = [];
	let newest = state.since ?? 0;
	for (const entry of entries) {
		const at = statusTime(entry.task);
		if (at === null) continue;
		newest = Math.max(newest, at);
		const key = `${entry.task.taskId}:${entry.task.status}`;
		if (key in seen || (!first && at < state.since!)) continue;
		seen[key] = at;
		if (!first) fresh.push(entry);
	}
	const since = Math.max(state.since ?? 0, newest - SETTLE_MS);
	state.since = since;
	state.seen = Object.fromEntries(Object.entries(seen).filter(([, at]) => at >= since));
	return fresh.sort((a, b) => statusTime(a.task)! - statusTime(b.task)!);
}

const HOUR_MS = 3600_000;

/**
 * One poll of the Kling Polling Trigger: the statuses that are new since the last poll, one item
 * each. Run by hand (Fetch Test Event), the newest matching status, whatever was reported before.
 */
export async function pollEvents(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const client = await connect(ctx, { readAttempts: 3 });
	const filter = eventFilter(ctx);
	const routes = feedRoutes(client, filter.taskTypes);
	if (!routes.length) throw noList(ctx, client);
	const hours = Number(filter.options.lookBackHours ?? 24);
	const since = Date.now() - Math.max(1, hours) * HOUR_MS;
	const entries = (await readFeed(client, routes, since, filter.statuses)).filter((e) =>
		wanted(e.task, e.type, filter),
	);
	const manual = ctx.getMode() === 'manual';
	const fresh = manual
		? entries.sort((a, b) => statusTime(b.task)! - statusTime(a.task)!).slice(0, 1)
		: takeNew(ctx.getWorkflowStaticData('node') as FeedState, entries);
	if (!fresh.length) return null;
	// One at a time: each may download result videos into the binary store.
	const items: INodeExecutionData[] = [];
	for (const entry of fresh) items.push(await emitted(ctx, entry, filter));
	return [items];
}

async function emitted(
	ctx: IPollFunctions,
	entry: FeedEntry,
	filter: EventFilter,
): Promise<INodeExecutionData> {
	const how = { apiStandard: entry.standard, confirmedWithApi: true, signatureVerified: null };
	return await eventItem(ctx, entry.task, entry.type, how, filter);
}

function noList(ctx: IPollFunctions, client: KlingClient): NodeOperationError {
	const { name } = client.provider;
	return new NodeOperationError(ctx.getNode(), `${name} has no task list this trigger can read`, {
		description:
			"The Kling Polling Trigger reads the account's task list: Kling's new-standard list (an API key credential on the official API) or the /v1 lists. Use the Kling Trigger with a public callback URL instead, or the nodes' Wait: Poll. If the relay does serve Kling's /v1 lists, turn on Relay Settings in the credential and set Lists Tasks to Yes.",
	});
}
