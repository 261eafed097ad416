import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { connect } from '../shared/products/connect';
import { perItem } from '../shared/output/perItem';
import { identifyFace } from '../shared/products/lipSync';
import { videoOf } from '../shared/products/lipSync/body';
import { identifiedOf } from '../shared/products/lipSync/faces';

/**
 * Identify Faces: a synchronous call (no task, nothing to wait for) that lists the faces Kling
 * can lip-sync in a video, each with when it is visible; one output item per input item.
 */
export async function identifyFaces(
	ctx: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const client = await connect(ctx);
	return await perItem(ctx, continueOnFail, async (i) => {
		const video = videoOf(ctx, i);
		const { sessionId, faces } = identifiedOf(await client.call(identifyFace, video, i));
		return [
			{
				sessionId,
				faces: faces.map((f) => ({
					faceId: f.faceId,
					image: f.image,
					startSeconds: f.startMs / 1000,
					endSeconds: f.endMs / 1000,
				})),
				...video,
			},
		];
	});
}
