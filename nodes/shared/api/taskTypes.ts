import { ENDPOINTS, type KlingEndpoint } from './providers';

/**
 * Which node's kind of task a task is, where this package can know it. A new-standard task names
 * no product (kling-api-2026.md §3.9), and omni-video serves both Text to Video and Multi-Image to
 * Video, so the Kling Trigger cannot read the type from the task. The package knows it from the
 * external task ID it generated (it carries the type's tag) and, in the n8n process that created
 * the task, from the create itself. A task with the user's own external ID created in another
 * process stays unknown.
 */
const GENERATED = /^n8n-([a-z0-9]+)-[0-9a-f]{24}-\d+$/;
const BY_TAG = new Map(
	(Object.keys(ENDPOINTS) as KlingEndpoint[]).map((endpoint) => [
		ENDPOINTS[endpoint].tag,
		endpoint,
	]),
);
const MEMORY = 5000;
const created = new Map<string, KlingEndpoint>();

/** The external task ID the node gives item i of a batch when the user set none. */
export function generatedExternalId(
	endpoint: KlingEndpoint,
	batch: string,
	itemIndex: number,
): string {
	return `n8n-${ENDPOINTS[endpoint].tag}-${batch}-${itemIndex}`;
}

export function rememberCreated(taskId: string, endpoint: KlingEndpoint): void {
	created.delete(taskId);
	created.set(taskId, endpoint);
	if (created.size > MEMORY) created.delete(created.keys().next().value!);
}

export function knownTaskType(task: {
	taskId: string;
	externalTaskId: string | null;
}): KlingEndpoint | undefined {
	const tag = GENERATED.exec(task.externalTaskId ?? '')?.[1];
	return (tag ? BY_TAG.get(tag) : undefined) ?? created.get(task.taskId);
}
