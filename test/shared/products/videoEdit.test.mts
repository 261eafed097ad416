import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingVideoEdit } from '../../../nodes/KlingVideoEdit/KlingVideoEdit.node.ts';
import { binaryItem, emulatorCredentials, makeContext } from '../../support/context.mts';
import { PNG, PNG_B64, useEmulator } from '../../support/emulator.mts';
import { POLLING } from '../../support/params.mts';

/**
 * Multi-element video editing (docs/reference/kling-api.md#multi-element-editing): a selection
 * session on the video, the object marked by points per frame, then the edit task; the selection
 * calls are synchronous and made once per item, after everything the node can check.
 */
const node = new KlingVideoEdit();
const REMOVE = {
	video: 'video-sample-v1-6',
	editMode: 'removal',
	prompt: 'Delete the cup from <<<video_1>>>',
	selections: { frame: [{ frame: 12, points: '0.42,0.61; 0.45,0.66' }] },
};

describe('Video Edit', () => {
	const env = useEmulator();
	const run = async (params: IDataObject, item: INodeExecutionData = binaryItem(PNG)) => {
		const c = makeContext({
			params: { ...POLLING, options: {}, ...REMOVE, ...params },
			items: [item],
			credentials: emulatorCredentials(env.base),
		});
		const [out] = await node.execute.call(c.ctx);
		return out;
	};
	const paths = () => env.emulator.snapshot().requests.map((r) => r.path);

	it('remove: opens a session on the video ID, marks the frame, then creates the edit on it', async () => {
		const out = await run({});
		expect(paths().slice(0, 3)).toEqual([
			'/v1/videos/multi-elements/init-selection',
			'/v1/videos/multi-elements/add-selection',
			'/v1/videos/multi-elements',
		]);
		const sent = env.emulator.taskBody()!;
		expect(sent).toEqual({
			session_id: expect.stringMatching(/^session-/),
			edit_mode: 'removal',
			prompt: 'Delete the cup from <<<video_1>>>',
			external_task_id: expect.stringMatching(/^n8n-ve-/),
		});
		expect(out[0].json).toMatchObject({ status: 'succeeded', endpoint: 'videoEdit' });
		expect(Buffer.from(out[0].binary!.data.data, 'base64').subarray(4, 8).toString('ascii')).toBe(
			'ftyp',
		);
	});

	it('add: the object image as Base64 in image_list, no selection needed, Professional', async () => {
		await run({
			editMode: 'addition',
			objectImage: 'data',
			selections: {},
			prompt: 'Using the context of <<<video_1>>>, seamlessly add the lamp from <<<image_1>>>',
			options: { mode: 'pro' },
		});
		expect(paths().filter((p) => p.includes('add-selection'))).toEqual([]);
		expect(env.emulator.taskBody()).toMatchObject({
			edit_mode: 'addition',
			image_list: [{ image: PNG_B64 }],
			mode: 'pro',
		});
	});

	it.each([
		[{ prompt: 'Delete the cup' }, 'Prompt: must name the video as <<<video_1>>>'],
		[
			{ editMode: 'swap', objectImage: 'data', prompt: 'Swap the cup in <<<video_1>>>' },
			'Prompt: must name the object image as <<<image_1>>>',
		],
		[{ selections: {} }, 'Object Position: Remove needs the object marked on at least one frame'],
		[
			{ selections: { frame: [{ frame: 3, points: '1.2,0.5' }] } },
			'Object Position #1: "1.2,0.5" is not a point',
		],
		[
			{ selections: { frame: [{ frame: 3, points: Array(11).fill('0.5,0.5').join(';') }] } },
			'Object Position #1: has 11 points; Kling takes 1 to 10 a frame',
		],
		[
			{ editMode: 'addition', objectImage: '', selections: {}, prompt: 'Add to <<<video_1>>>' },
			'Object Images: addition takes 1 to 2 object image(s), not 0',
		],
		[{ options: { maxUnits: 10 } }, "Kling's 2026 price list has no multi-element editing"],
	])('refuses bad input before any call: %#', async (params, message) => {
		await expect(run(params)).rejects.toThrow(message);
		expect(paths().filter((p) => p.startsWith('/v1/'))).toEqual([]);
	});

	it('a 10 s edit of the 5 s sample: refused after the session opens, before the paid create', async () => {
		await expect(run({ options: { duration: '10' } })).rejects.toThrow(
			'Duration: 10 s edits a video of 7 to 10 s; this one is 5.0 s. No edit task was created.',
		);
		expect(paths()).toEqual(['/v1/videos/multi-elements/init-selection']);
		expect(env.emulator.snapshot().creates).toBe(0);
	});
});
