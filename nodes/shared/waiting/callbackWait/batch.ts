import type { TaskRoute } from '../../api/routing';
import { isFinal, type KlingTask } from '../../api/task';
import type { KlingClient } from '../../api/client';
import { processMemory } from '../../core/processMemory';

/** Reading a waiting batch's tasks in as few reads as the provider allows. */

export interface BatchEntry {
	externalId: string;
	route: TaskRoute;
	/** Known where the provider cannot look tasks up by external ID (see `rememberTaskIds`). */
	taskId?: string;
}

/**
 * Task IDs of waiting batches, by external task ID: a provider that cannot look tasks up by
 * external ID can only confirm a batch through them. The pause records its creates (the webhook
 * runs in this process in regular mode); every callback records its own task, since Kling calls
 * when each task ends, so the last callback of a batch finds the others' IDs here too.
 */
const knownTaskIds = processMemory<string, Map<string, string>>(
	'task IDs of waiting batches',
	1000,
);

/** The task IDs this process knows of a batch's tasks, by external task ID. */
export function knownTaskIdsOf(batch: string): Map<string, string> | undefined {
	return knownTaskIds.get(batch);
}

export function rememberTaskIds(batch: string, pairs: Array<[string, string]>): void {
	const ids = knownTaskIds.get(batch) ?? new Map<string, string>();
	for (const [externalId, taskId] of pairs) ids.set(externalId, taskId);
	knownTaskIds.set(batch, ids);
}

/** Entries grouped by where one read can show them together: /tasks, or one legacy endpoint's list. */
function byRead(entries: BatchEntry[]): BatchEntry[][] {
	const groups = new Map<string, BatchEntry[]>();
	for (const entry of entries) {
		const key = entry.route.standard === 'new' ? 'new' : entry.route.legacy.path;
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	}
	return [...groups.values()];
}

/**
 * Reads the current state of a batch of tasks by external task ID: /tasks (20 per read) or one
 * list read per endpoint where they show them all, otherwise task by task (the callback's own
 * task first, then the newest submissions, the likeliest to still run), stopping at the first
 * unfinished one.
 */
export async function readBatch(
	client: KlingClient,
	entries: BatchEntry[],
	first?: string,
): Promise<{ tasks: Map<string, KlingTask>; allFinal: boolean }> {
	const tasks = new Map<string, KlingTask>();
	const wanted = new Set(entries.map((e) => e.externalId));
	for (const group of byRead(entries)) {
		const ids = group.map((e) => e.externalId);
		for (const task of (await client.readMany(group[0].route, ids, 'externalId')) ?? []) {
			if (task.externalTaskId !== null && wanted.has(task.externalTaskId))
				tasks.set(task.externalTaskId, task);
		}
	}
	if ([...tasks.values()].some((t) => !isFinal(t.status))) return { tasks, allFinal: false };
	const missing = entries.filter((e) => !tasks.has(e.externalId)).reverse();
	missing.sort((a, b) => Number(b.externalId === first) - Number(a.externalId === first));
	for (const entry of missing) {
		const task = await findEntry(client, entry);
		if (!task || !isFinal(task.status)) return { tasks, allFinal: false };
		tasks.set(entry.externalId, task);
	}
	return { tasks, allFinal: entries.every((e) => isFinal(tasks.get(e.externalId)!.status)) };
}

/** One task of a batch, by external task ID, or by its task ID where the provider has no such lookup. */
async function findEntry(client: KlingClient, entry: BatchEntry): Promise<KlingTask | undefined> {
	const { externalId, route, taskId } = entry;
	if (!client.canFindByExternalId(route)) {
		const task = taskId ? await client.findTask(route, taskId) : undefined;
		return task && (task.externalTaskId ?? externalId) === externalId ? task : undefined;
	}
	let task = await client.findByExternalId(route, externalId);
	// Automatic may have sent an item with a legacy-only setting to the legacy standard.
	if (!task && route.standard === 'new') {
		const legacy: TaskRoute = { ...route, standard: 'legacy' };
		task = await client.findByExternalId(legacy, externalId);
		if (task) entry.route = legacy;
	}
	return task;
}
