import type { IDataObject, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { downloadTaskResults, type DownloadContext } from './download';
import type { ProductFacts } from '../models/product';
import type { KlingTask } from '../api/task';

export interface TaskContext {
	/** The product the task belongs to; null where the Trigger cannot tell. */
	product: Pick<ProductFacts, 'id' | 'result'> | null;
	model: string | null;
	/** Which of Kling's two API standards the task lives on. */
	apiStandard?: 'new' | 'legacy' | null;
	provider: string | null;
	elapsedMs: number | null;
	/** Where the model decides the sound itself (Kling 4.0, 3.0 Turbo): said in the output. */
	sound?: string;
}

/** What an item's output needs besides its task; the same whether the node polled or was called back. */
export interface ItemPlan {
	itemIndex: number;
	download: boolean;
	outputField: string;
	model: string | null;
	apiStandard: 'new' | 'legacy' | null;
	startedAt: number;
	sound?: string;
}

export type ItemError = NodeApiError | NodeOperationError;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The JSON every node, wait mode and the trigger emit for a task. */
export function taskJson(task: KlingTask, context: TaskContext): IDataObject {
	const kind = context.product?.result ?? null;
	return {
		taskId: task.taskId,
		externalTaskId: task.externalTaskId,
		status: task.status,
		statusMessage: task.statusMessage,
		model: context.model,
		endpoint: context.product?.id ?? null,
		apiStandard: context.apiStandard ?? null,
		provider: context.provider,
		...(kind === 'video' || kind === null
			? { videos: task.videos as unknown as IDataObject[] }
			: {}),
		...(context.sound ? { sound: context.sound } : {}),
		...(kind === 'image' || kind === null
			? { images: task.images as unknown as IDataObject[] }
			: {}),
		// Video to audio also returns its video: sounds show wherever a task has them.
		...(kind === 'audio' || task.audios.length
			? { audios: task.audios as unknown as IDataObject[] }
			: {}),
		...(kind === 'element' || (kind === null && task.elements.length)
			? {
					// What the next node needs: the new element's ID, as digits (it exceeds 2^53).
					elementId: task.elements[0]?.elementId ?? null,
					elements: task.elements as unknown as IDataObject[],
				}
			: {}),
		...(kind === 'voice' || (kind === null && task.voices.length)
			? {
					voiceId: task.voices[0]?.voiceId ?? null,
					voices: task.voices as unknown as IDataObject[],
				}
			: {}),
		unitsDeducted: task.unitsDeducted,
		finalBalanceDeduction: task.finalBalanceDeduction,
		createdAt: iso(task.createdAt),
		updatedAt: iso(task.updatedAt),
		elapsedMs: context.elapsedMs,
	};
}

export function taskFailedError(node: INode, task: KlingTask, itemIndex: number): NodeApiError {
	const failure = {
		message: `Kling task ${task.taskId} failed: ${task.statusMessage ?? 'no reason given'}`,
		taskId: task.taskId,
	} as JsonObject;
	return new NodeApiError(node, failure, {
		message: failure.message as string,
		description: 'Kling reported the task as failed; change the prompt or images and try again.',
		itemIndex,
	});
}

/** The JSON of a failed item: Kling's code, the request ID and the task, so nothing paid for is lost. */
export function errorJson(
	error: ItemError,
	task: { taskId?: string | null; externalTaskId?: string | null; status?: string | null },
): IDataObject {
	const kling = (error.context?.kling ?? {}) as IDataObject;
	return {
		error: error.message,
		description: error.description ?? null,
		code: (kling.code as number | null) ?? null,
		requestId: (kling.requestId as string | null) ?? null,
		taskId: task.taskId ?? null,
		externalTaskId: task.externalTaskId ?? null,
		status: task.status ?? null,
	};
}

/** Any failure of an item as the error n8n shows for it, with the item's index. */
export function asItemError(node: INode, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = (error as Error)?.message ?? String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

export function errorItem(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The node's outputs. With "On Error: Continue (using error output)" the failed items go to the
 * second output; the node splits them itself because n8n's own split only recognises items whose
 * JSON is nothing but `error`, and these keep Kling's code, request ID and task.
 */
export function nodeOutputs(
	node: INode,
	items: INodeExecutionData[],
	failed: Set<INodeExecutionData>,
): INodeExecutionData[][] {
	if (node.onError !== 'continueErrorOutput') return [items];
	return [items.filter((i) => !failed.has(i)), items.filter((i) => failed.has(i))];
}

/** Turns a finished task into its output item: JSON plus the downloaded files, or the task's error. */
export async function settleTask(
	ctx: DownloadContext,
	task: KlingTask,
	plan: ItemPlan,
	product: ProductFacts,
	provider: string,
): Promise<{ item: INodeExecutionData } | { error: ItemError }> {
	if (task.status === 'failed')
		return { error: taskFailedError(ctx.getNode(), task, plan.itemIndex) };
	const json = taskJson(task, {
		product,
		model: plan.model,
		apiStandard: plan.apiStandard,
		provider,
		elapsedMs: Date.now() - plan.startedAt,
		sound: plan.sound,
	});
	try {
		const binary =
			plan.download && task.status === 'succeeded'
				? await downloadTaskResults(ctx, plan.itemIndex, task, plan.outputField)
				: undefined;
		return {
			item: {
				json,
				...(binary && Object.keys(binary).length ? { binary } : {}),
				pairedItem: { item: plan.itemIndex },
			},
		};
	} catch (error) {
		return { error: asItemError(ctx.getNode(), error, plan.itemIndex) };
	}
}
