/**
 * What the products that take an earlier video check alike (video to audio, face identification,
 * multi-element selections): a Kling video by ID or a video URL, exactly one, of a length in range.
 */
import { KlingError } from './checks.mts';
import type { Known } from './rules.mts';

const bad = (message: string) => new KlingError(400, 1201, message);

/** An earlier video, by ID or URL: what the products that take one check alike. */
export function checkSourceVideo(
	body: Record<string, unknown>,
	known: Known,
	seconds: { min: number; max: number },
): void {
	const { video_id: id, video_url: url } = body;
	if ((id === undefined) === (url === undefined))
		throw bad('exactly one of video_id and video_url is required');
	if (url !== undefined && !/^https?:\/\/\S+$/i.test(String(url)))
		throw bad('video_url must be a video URL (mp4/mov)');
	if (id === undefined) return;
	const video = known.result('video', String(id));
	if (!video) throw bad('video_id is invalid: no video with this id, or it is older than 30 days');
	if (video.seconds < seconds.min || video.seconds > seconds.max + 0.5)
		throw bad(`the video must be ${seconds.min} to ${seconds.max} seconds long`);
}
