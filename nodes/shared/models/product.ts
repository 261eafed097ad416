import type { IDataObject } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod/v3';

import type { ProductId, Standard } from './catalogue';
import type { UnitEstimate } from './estimate';

export type { ProductId };

/**
 * One Kling endpoint: where a request goes, and the rules Kling documents for its body. A product
 * lists the endpoints its models are served on; nothing else maps endpoints to paths.
 */
export interface Endpoint {
	/** Its name in the catalogue's model routes, e.g. `omniVideo` (legacy) or `omni-video` (new). */
	id: string;
	standard: Standard;
	/**
	 * Kling's own path, before a relay's prefix: legacy `/v1/videos/omni-video` (tasks are read
	 * below it); new standard `/omni-video`, which the model id follows. A credential's Route
	 * Overrides replace it by this path.
	 */
	path: string;
	/** Kling's documented rules for the body (input/schemas/): checked before anything is sent. */
	rules: ZodTypeAny;
	/** The panel's names for its own body fields, for messages (`video_url`: "Motion Video"). */
	labels?: Record<string, string>;
	/**
	 * Where the endpoint's creates differ from its product's (Kling 4.0's take no external task
	 * ID): a correction to what Kling accepts is a change here, not in code.
	 */
	safety?: ProductFacts['safety'];
	/** False where Kling calls no callback_url back (Kling 4.0): the node polls instead. */
	callbacks?: boolean;
	/**
	 * The solutions family (docs/reference/kling-api.md#virtual-try-on): new-standard bodies on a
	 * path with no model after it, tasks read through `reads` instead of `/tasks`, and, per page,
	 * its own content types for the legacy-named inputs, settings copied as they are, and the key
	 * the watermark goes under.
	 */
	solution?: Solution;
}

/** What a solution endpoint declares (see `Endpoint.solution`). */
export interface Solution {
	reads: string;
	contents: Record<string, string>;
	settings: string[];
	watermarkKey: 'watermark' | 'watermark_info';
}

/** What a finished task hands over. */
export type ResultKind = 'video' | 'image' | 'audio' | 'element' | 'voice';

/**
 * What the transport, routing and waiting need to know of a Kling product: data only. The full
 * spec (products/spec.ts) adds the panel and how an item becomes a request; it is handed down as
 * these facts, so the lower layers never look a product up by name.
 */
export interface ProductFacts {
	/**
	 * The product's id, kept as the output's `endpoint` and the Trigger's task type value, so saved
	 * workflows keep working. Models list the products they serve by it (models/catalogue.ts).
	 */
	id: ProductId;
	/** "Image to Video": messages, the Trigger's task types, and (with "Kling ") the node's name. */
	label: string;
	/** Marks the external task IDs the package generates for it (api/createdTasks.ts). */
	tag: string;
	result: ResultKind;
	/**
	 * The endpoints its models are served on, per standard (models name them by id in the
	 * catalogue). The first of each is where a model the catalogue does not know is sent; the
	 * legacy ones are where a lookup looks, in this order; a product with new-standard endpoints
	 * may also have tasks there (read through `/tasks`).
	 */
	endpoints: { legacy: [Endpoint, ...Endpoint[]]; new: Endpoint[] };
	/**
	 * `task`: the create starts a task to watch. `sync`: the create's answer is the result (TTS,
	 * face identification): nothing is polled, and there is nothing to look up later.
	 */
	call: 'task' | 'sync';
	/** The model the panel starts with; empty for a product that takes none. */
	defaultModel: string;
	/** What decides whether an uncertain create may be sent again: see `mayResend`. */
	safety: {
		/** Whether the create takes an `external_task_id` (Kling 4.0's does not). */
		externalTaskId: boolean;
		/** How its tasks can be found: also by external task ID, by task ID only, or not at all. */
		lookup: 'externalId' | 'taskId' | 'none';
	};
	/** What to do instead when Kling refuses a create (Video Extend: the modern route). */
	refusal?: string;
	/**
	 * False for a product whose endpoint's rules hold everything per model (motion control): the
	 * catalogue's generation capabilities (durations, sound, references) do not apply to it.
	 */
	checksGeneration?: false;
	/**
	 * Where the product has a price list of its own (motion control, audio, lip-sync), not the
	 * model's generation rates: what a request (legacy-shaped, before it is sent) costs at most,
	 * or why that cannot be told. Pure: it reads the body, the model, and the length of the longest
	 * input where its bytes tell it (an avatar's audio).
	 */
	price?(body: IDataObject, model: string, inputSeconds?: number): UnitEstimate | string;
}

/**
 * Whether a task of this product can be found by the external task ID the package gave it: only
 * then can a create whose outcome is unknown be checked, or be refused as a duplicate, before it
 * is sent again. Otherwise it is never sent again.
 */
export function findableByExternalId(facts: Pick<ProductFacts, 'safety'>): boolean {
	return facts.safety.externalTaskId && facts.safety.lookup === 'externalId';
}

/** Where a create goes: its product, and the new-standard endpoint when it goes there. */
interface Destination {
	product: ProductFacts;
	standard: Standard;
	new?: Endpoint;
	model: string;
	entry?: { name: string };
}

/** The create's safety where it goes: the endpoint's own where it has one, else its product's. */
export function safetyOf(route: Destination): Pick<ProductFacts, 'safety'> {
	const own = route.standard === 'new' ? route.new?.safety : undefined;
	return { safety: own ?? route.product.safety };
}

/** Whose rule a create follows, for messages: the model where its endpoint decides (Kling 4.0). */
export function safetyOwner(route: Destination): string {
	const own = route.standard === 'new' && route.new?.safety !== undefined;
	return own ? (route.entry?.name ?? route.model) : route.product.label;
}

/** Whether Kling calls a task's callback_url back where it goes. */
export function takesCallbacks(route: Destination): boolean {
	return (route.standard === 'new' ? route.new?.callbacks : undefined) !== false;
}
