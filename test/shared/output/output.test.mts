import { describe, expect, it } from 'vitest';

import { normalizeTask } from '../../../nodes/shared/api/task.ts';
import { taskJson } from '../../../nodes/shared/output/output.ts';

const context = { model: null, provider: null, elapsedMs: null };
const sound = { id: 'a1', url_mp3: 'https://cdn/a.mp3', duration_mp3: '5' };
const task = (result: object) =>
	normalizeTask({ task_id: 't', task_status: 'succeed', task_result: result })!;

describe('task JSON', () => {
	it('carries the result of the product: sounds for an audio product', () => {
		const json = taskJson(task({ audios: [sound] }), {
			...context,
			product: { id: 'textToAudio', result: 'audio' },
		});
		expect(json).toMatchObject({ endpoint: 'textToAudio', audios: [{ id: 'a1' }] });
		expect(json).not.toHaveProperty('videos');
	});

	it('keeps a video product’s shape when its task has no sounds, and adds them when it has', () => {
		const product = { id: 'image2video', result: 'video' as const };
		const video = { id: 'v', url: 'https://cdn/v.mp4' };
		expect(Object.keys(taskJson(task({ videos: [video] }), { ...context, product }))).not.toContain(
			'audios',
		);
		// Video to audio returns the video with its new sound track, and the sound alone.
		const both = taskJson(task({ videos: [video], audios: [sound] }), { ...context, product });
		expect(both).toMatchObject({ videos: [{ id: 'v' }], audios: [{ id: 'a1' }] });
	});
});
