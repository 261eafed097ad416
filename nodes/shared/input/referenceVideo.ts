import type { IDataObject } from 'n8n-workflow';

/**
 * Omni's reference video (docs/reference/kling-api.md#omni-video): one video URL, either a feature reference
 * (its motion, style or camera) or a base video to edit. Written in legacy terms
 * (`video_list[{video_url, refer_type, keep_original_sound}]`); input/newStandard.ts maps it to a
 * `feature_video` / `base_video` content and `settings.audio`.
 */
export function applyReferenceVideo(body: IDataObject, options: IDataObject): void {
	const video = (options.referenceVideo as IDataObject | undefined)?.video as
		| IDataObject
		| undefined;
	const more = ((options.moreReferenceVideos as IDataObject | undefined)?.video ??
		[]) as IDataObject[];
	if (!video && !more.length) return;
	body.video_list = [
		...(video
			? [
					{
						video_url: String(video.url ?? '').trim(),
						refer_type: video.use === 'base' ? 'base' : 'feature',
						keep_original_sound: video.keepOriginalSound ? 'yes' : 'no',
					},
				]
			: []),
		// Kling 4.0's further videos, each followed as a feature reference.
		...more.map((v) => ({
			video_url: String(v.url ?? '').trim(),
			refer_type: 'feature',
			keep_original_sound: 'no',
		})),
	];
}

/** Every reference video of a legacy body (Kling 4.0 takes up to 5). */
export function referenceVideosOf(body: IDataObject): IDataObject[] {
	return (body.video_list as IDataObject[] | undefined) ?? [];
}

/** The reference video of a legacy body, if any. */
export function referenceVideoOf(body: IDataObject): IDataObject | undefined {
	return (body.video_list as IDataObject[] | undefined)?.[0];
}
