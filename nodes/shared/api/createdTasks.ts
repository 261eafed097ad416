import { processMemory } from '../core/processMemory';
import type { ProductFacts, ProductId } from '../models/product';

/**
 * What this n8n process knows of the tasks it created.
 *
 * Their type: a new-standard task names no product (docs/reference/kling-api.md#task-object), and omni-video serves
 * both Text to Video and Multi-Image to Video, so the Kling Trigger cannot read the type from the
 * task. The package knows it from the external task ID it generated (it carries the type's tag)
 * and, in the process that created the task, from the create itself.
 *
 * Their external task IDs, per account: n8n's Retry On Fail runs the node again in the same
 * process with the same external task IDs, and a provider that neither finds tasks by external ID
 * nor refuses a duplicate would create (and charge) them again. The retry finds them here instead.
 */
const GENERATED = /^n8n-([a-z0-9]+)-[0-9a-f]{24}-\d+$/;
const MEMORY = 5000;
const types = processMemory<string, ProductId>('created task types', MEMORY);
const byExternalId = processMemory<string, string>('created tasks by external ID', MEMORY);

/** The external task ID the node gives item i of a batch when the user set none. */
export function generatedExternalId(
	product: Pick<ProductFacts, 'tag'>,
	batch: string,
	itemIndex: number,
): string {
	return `n8n-${product.tag}-${batch}-${itemIndex}`;
}

/** `account` names the account (api/client.ts), so one account's IDs never match another's. */
export function rememberCreated(
	taskId: string,
	product: ProductId,
	created?: { account: string; externalId: string },
): void {
	types.set(taskId, product);
	if (created?.externalId) byExternalId.set(`${created.account}|${created.externalId}`, taskId);
}

/** The task this process created in the account with this external task ID, if any. */
export function createdTaskId(account: string, externalId: string): string | undefined {
	return externalId ? byExternalId.get(`${account}|${externalId}`) : undefined;
}

/** What a fresh n8n process knows: nothing. Tests use it to stand for another worker. */
export function forgetCreatedTasks(): void {
	types.clear();
	byExternalId.clear();
}

/** The product tag in an external task ID the package generated, if it is one. */
export function generatedTag(externalTaskId: string | null): string | undefined {
	return GENERATED.exec(externalTaskId ?? '')?.[1];
}

/** The product of a task this process created. */
export function createdType(taskId: string): ProductId | undefined {
	return types.get(taskId);
}
