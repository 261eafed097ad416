import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { KlingTask } from '../api/task';
import type { GenerationSpec } from '../input/types';
import type { Endpoint } from '../models/product';

/**
 * One Kling product, complete: its facts (models/product.ts: id, label, result, routes, default
 * model, what makes a create safe to send again), its panel, and how an item becomes a request.
 * Everything else is derived from the registry (products/registry.ts): the Trigger's task types,
 * the model table, lookups, outputs, the conformance test. A node file only hands it to the engine.
 */
export interface ProductSpec extends GenerationSpec {
	/**
	 * What an AI agent's model is told the tool does: the tool variant's Description parameter
	 * defaults to it, which is where n8n reads the tool description at run time.
	 */
	toolDescription: string;
	/** The node's parameters: Generate's own, with Operation, Get Task, Wait and the shared options. */
	properties: INodeProperties[];
	/**
	 * The smallest Generate parameters (beyond the panel's defaults) that make a request Kling
	 * accepts, with images as https URLs: the conformance test sends it to the emulator.
	 */
	sample: IDataObject;
	/**
	 * Endpoints it calls besides its creates and task reads: lists (Element: Kling's presets) and
	 * synchronous calls (Lip-Sync: face identification).
	 */
	otherEndpoints?: Endpoint[];
	/**
	 * Element and Voice: their List operation reads the create endpoint (the account's own) or
	 * `presets` (Kling's), and `pick` reads what an entry holds, listed as a task or bare.
	 */
	lists?: { presets: Endpoint; pick(task: KlingTask | undefined, entry: unknown): IDataObject[] };
}
