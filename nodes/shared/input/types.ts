import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ProviderProfile } from '../api/providers';
import type { TaskRoute } from '../api/routing';
import type { UnitEstimate } from '../models/estimate';
import type { Endpoint, ProductFacts } from '../models/product';
import type { MediaKind, MediaRef, MediaRules } from './media';

/** One media input of a request (input/media.ts): read and checked by the engine, not the builder. */
export interface MediaSlot {
	/** Where it goes in the request body, e.g. ['image_list', 0, 'image']. */
	path: Array<string | number>;
	ref: MediaRef;
	/** The parameter's display name, for messages. */
	field: string;
	/** An image unless said otherwise. */
	media?: MediaKind;
	checkAspect?: boolean;
	/** Video and audio: what the endpoint documents for it. */
	rules?: MediaRules;
	/** Where the ID of an earlier Kling result goes instead of `path` (e.g. ['video_id']). */
	idPath?: Array<string | number>;
}

export interface PreparedRequest {
	body: IDataObject;
	media: MediaSlot[];
	model: string;
	route: TaskRoute;
	/** Set once the item is read: the user's, or one derived from the run. */
	externalTaskId?: string;
	/** Kling's price for it, or why there is none (models/estimate.ts). */
	estimate?: UnitEstimate | string;
	/**
	 * What a product keeps for the synchronous call it makes before its create (Lip-Sync: the video
	 * whose faces it identifies, then the faces found), so a second attempt does not call again.
	 */
	context?: IDataObject;
}

/** A synchronous call on one of the product's endpoints (api/client.ts `call`): its answer's data. */
export type SyncCall = (endpoint: Endpoint, body: IDataObject) => Promise<IDataObject>;

/** Where the request goes: builders shape the body for the route's legacy endpoint. */
export interface Target {
	profile: ProviderProfile;
	route: TaskRoute;
}

/** What reading an item needs of a product (products/spec.ts): its facts, and how to build its request. */
export interface GenerationSpec extends ProductFacts {
	prepare(ctx: IExecuteFunctions, itemIndex: number, target: Target): PreparedRequest;
	/**
	 * Fills in what only a synchronous call can tell, right before the create is sent (Lip-Sync:
	 * identifies the faces in the video and picks one); the body has its media read in.
	 */
	complete?(call: SyncCall, request: PreparedRequest, body: IDataObject): Promise<void>;
}
