/** `/v1/videos/image2video` (docs/reference/kling-api.md#image-to-video): one image, and per model an end frame, motion brush or camera control. */
import type { EndpointSpec } from '../rules.mts';
import { checkLegacyStoryboard } from '../storyboard.mts';
import {
	KlingError,
	SECONDS_3_15,
	checkCommon,
	checkElementList,
	checkEnum,
	checkImage,
	checkVoiceList,
} from '../checks.mts';

export function validateImage2Video(model: string, body: Record<string, unknown>): number {
	checkCommon(body, false);
	checkImage('image', body.image);
	if (body.image_tail !== undefined) checkImage('image_tail', body.image_tail, false);
	checkEnum('mode', body.mode, model === 'kling-v3' ? ['std', 'pro', '4k'] : ['std', 'pro']);
	checkEnum('duration', body.duration, model === 'kling-v3' ? SECONDS_3_15 : ['5', '10']);
	checkEnum('sound', body.sound, ['on', 'off']);
	// docs/reference/kling-api.md#image-to-video: 2.6 sound needs pro; 2.6 and 2.5 Turbo end frames need 1080p (pro).
	if (model === 'kling-v2-6' && body.sound === 'on' && body.mode !== 'pro')
		throw new KlingError(400, 1201, 'sound on requires mode pro for kling-v2-6');
	if (
		['kling-v2-6', 'kling-v2-5-turbo'].includes(model) &&
		body.image_tail !== undefined &&
		body.mode !== 'pro'
	)
		throw new KlingError(400, 1201, `image_tail requires mode pro for ${model}`);
	if (body.cfg_scale !== undefined) {
		const c = Number(body.cfg_scale);
		if (!(c >= 0 && c <= 1)) throw new KlingError(400, 1201, 'cfg_scale must be within [0, 1]');
	}
	const groups = [
		body.image_tail !== undefined,
		body.static_mask !== undefined || body.dynamic_masks !== undefined,
		body.camera_control !== undefined,
	];
	if (groups.filter(Boolean).length > 1) {
		throw new KlingError(
			400,
			1201,
			'image_tail, static_mask/dynamic_masks and camera_control cannot be used together',
		);
	}
	if (body.static_mask !== undefined) checkImage('static_mask', body.static_mask, false);
	if (body.dynamic_masks !== undefined) {
		const masks = body.dynamic_masks as Array<{ mask?: unknown; trajectories?: unknown[] }>;
		if (!Array.isArray(masks) || masks.length < 1 || masks.length > 6)
			throw new KlingError(400, 1201, 'dynamic_masks must have 1 to 6 groups');
		masks.forEach((m, i) => {
			checkImage(`dynamic_masks[${i}].mask`, m.mask, false);
			if (
				!Array.isArray(m.trajectories) ||
				m.trajectories.length < 2 ||
				m.trajectories.length > 77
			) {
				throw new KlingError(
					400,
					1201,
					`dynamic_masks[${i}].trajectories must have 2 to 77 points`,
				);
			}
		});
	}
	checkLegacyStoryboard(body, model, ['kling-v3']);
	checkElementList(body, model === 'kling-v3' ? 3 : 0, model);
	checkVoiceList(body, model);
	if (body.camera_control !== undefined) {
		const cc = body.camera_control as { type?: string; config?: Record<string, number> };
		checkEnum('camera_control.type', cc.type, [
			'simple',
			'down_back',
			'forward_up',
			'right_turn_forward',
			'left_turn_forward',
		]);
		if (cc.type === 'simple') {
			const values = Object.values(cc.config ?? {}).filter((v) => Number(v) !== 0);
			if (values.length !== 1)
				throw new KlingError(
					400,
					1201,
					'camera_control.config: exactly one of the six values must be non-zero',
				);
		}
	}
	return 1;
}

export const endpoint: EndpointSpec = {
	key: 'image2video',
	standard: 'legacy',
	paths: ['videos/image2video'],
	result: 'video',
	models: {
		'kling-v3': 'live',
		'kling-v2-6': 'live',
		'kling-v2-5-turbo': 'live',
		'kling-v1': 'retired',
		'kling-v1-5': 'retired',
		'kling-v1-6': 'retired',
		'kling-v2-master': 'retired',
		'kling-v2-1': 'retired',
		'kling-v2-1-master': 'retired',
	},
	defaultModel: 'kling-v1',
	validate: validateImage2Video,
};
