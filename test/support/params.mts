import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { KlingText2Video } from '../../nodes/KlingText2Video/KlingText2Video.node.ts';
import { emulatorCredentials, makeContext } from './context.mts';

/** Generate, polling (1-minute timeout, 1-second interval), downloading the result into `data`. */
export const POLLING = {
	operation: 'generate',
	wait: 'poll',
	waitTimeout: 1,
	pollInterval: 1,
	downloadResult: true,
	binaryPropertyOutput: 'data',
};

/** Image to Video's parameters for a plain Generate that polls, shared by the suites that run it. */
export const I2V_BASE = {
	...POLLING,
	model: 'kling-v2-6',
	image: 'data',
	prompt: 'A cat walks',
	options: {},
};

/**
 * A Kling 3.0 video made through Text to Video on the emulator at `base`: its output item, whose
 * `videos[0].id` the video tools take.
 */
export async function madeVideo(base: string, prompt = 'A presenter'): Promise<INodeExecutionData> {
	const c = makeContext({
		params: { ...POLLING, model: 'kling-v3', prompt, downloadResult: false },
		items: [{ json: {} }],
		credentials: emulatorCredentials(base),
	});
	const [[made]] = await new KlingText2Video().execute.call(c.ctx);
	return made;
}

/** The panel's defaults for Generate, as a workflow builder who changes nothing gets them. */
export function generateDefaults(properties: INodeProperties[]): IDataObject {
	const params: IDataObject = {};
	for (const p of properties) {
		const show = p.displayOptions?.show ?? {};
		if (p.type === 'notice' || show['@tool'] || p.name in params) continue;
		if (show.operation && !show.operation.includes('generate')) continue;
		params[p.name] = p.default as IDataObject[keyof IDataObject];
	}
	return params;
}
