import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod';

import type { KlingEndpoint, ProviderProfile } from '../api/providers';
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
}

/** What a generation node contributes: its endpoint, how to read an item, and its body schema. */
export interface GenerationSpec {
	endpoint: KlingEndpoint;
	schema: ZodTypeAny;
	prepare(ctx: IExecuteFunctions, itemIndex: number, profile: ProviderProfile): PreparedRequest;
}
