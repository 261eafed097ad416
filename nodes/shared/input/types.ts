import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ProviderProfile } from '../api/providers';
import type { TaskRoute } from '../api/routing';
import type { UnitEstimate } from '../models/estimate';
import type { ProductFacts } from '../models/product';
import type { ImageRef } from './images';

export interface ImageSlot {
	/** Where the image goes in the request body, e.g. ['image_list', 0, 'image']. */
	path: Array<string | number>;
	ref: ImageRef;
	/** The parameter's display name, for messages. */
	field: string;
	checkAspect?: boolean;
}

export interface PreparedRequest {
	body: IDataObject;
	images: ImageSlot[];
	model: string;
	route: TaskRoute;
	/** Set once the item is read: the user's, or one derived from the run. */
	externalTaskId?: string;
	/** Kling's price for it, or why there is none (models/estimate.ts). */
	estimate?: UnitEstimate | string;
}

/** Where the request goes: builders shape the body for the route's legacy endpoint. */
export interface Target {
	profile: ProviderProfile;
	route: TaskRoute;
}

/** What reading an item needs of a product (products/spec.ts): its facts, and how to build its request. */
export interface GenerationSpec extends ProductFacts {
	prepare(ctx: IExecuteFunctions, itemIndex: number, target: Target): PreparedRequest;
}
