import type { WorkflowJson } from './n8n.mts';
import { EMULATOR_CREDENTIAL_ID } from './n8n.mts';

/** Builders for the workflows the end-to-end suite runs besides the examples. */

const CRED = { klingApi: { id: EMULATOR_CREDENTIAL_ID, name: 'Kling API (emulator)' } };
let counter = 0;

export const trigger = {
	id: 't1',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function items(count: number) {
	return {
		id: 'items',
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			mode: 'runOnceForAllItems',
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { i } }));`,
		},
	};
}

export function download(url: string) {
	return {
		id: 'dl',
		name: 'Download',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		parameters: {
			url,
			options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
		},
	};
}

export function kling(
	type: string,
	name: string,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) {
	return {
		id: `k${++counter}`,
		name,
		type: `n8n-nodes-kling.${type}`,
		typeVersion: 1,
		position: [600 + counter * 10, 0],
		credentials: CRED,
		parameters: {
			operation: 'generate',
			wait: 'poll',
			waitTimeout: 2,
			pollInterval: 1,
			downloadResult: true,
			binaryPropertyOutput: 'data',
			options: {},
			...parameters,
		},
		...extra,
	};
}

export function chain(id: string, nodes: Array<Record<string, unknown>>): WorkflowJson {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[String(nodes[i].name)] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id,
		name: id,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** A Webhook node started by `POST /webhook/<path>` (answered at once; the run goes on). */
export function webhookNode(id: string, path: string, webhookId = `${id}-webhook`) {
	return {
		id,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

/** A Code node named Items that makes the items from the webhook's body: `jsCode` returns them. */
export function itemsFromBody(id: string, jsCode: string) {
	return {
		id,
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			mode: 'runOnceForAllItems',
			jsCode: `const b = $input.first().json.body; ${jsCode}`,
		},
	};
}

/** An HTTP Request node that posts each item to a loopback sink; `jsonBody` is an n8n expression. */
export function sinkNode(id: string, url: string, jsonBody: string) {
	return {
		id,
		name: 'Sink',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [800, 0],
		parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody, options: {} },
	};
}
