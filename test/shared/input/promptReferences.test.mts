import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import {
	applyPromptReferences,
	referableInputs,
} from '../../../nodes/shared/input/promptReferences.ts';
import { multiImage2video } from '../../../nodes/shared/products/multiImage2video/index.ts';

const [omniVideo, multiImage] = multiImage2video.endpoints.legacy;
const route = (standard: 'legacy' | 'new', legacy = omniVideo): TaskRoute => ({
	product: multiImage2video,
	standard,
	legacy,
	model: 'kling-v3-omni',
});
const body = (prompt: string): IDataObject => ({
	prompt,
	image_list: [{ image: 'a' }, { image: 'b' }],
	element_list: [{ element_id: '1' }],
});

describe('inputs a prompt names', () => {
	it('counts what the body gives to name; only omni endpoints name images', () => {
		expect(referableInputs(body(''), route('legacy'))).toEqual({
			image: 2,
			video: 0,
			element: 1,
			voice: 0,
		});
		expect(referableInputs(body(''), route('legacy', multiImage)).image).toBe(0);
	});

	it('writes either syntax in the syntax of the standard the request goes to', () => {
		const legacy = body('@image_1 meets <<<element_1>>> near @image_2');
		applyPromptReferences(legacy, route('legacy'));
		expect(legacy.prompt).toBe('<<<image_1>>> meets <<<element_1>>> near <<<image_2>>>');
		const fresh = body('<<<image_2>>> and user@image_9.example');
		applyPromptReferences(fresh, route('new'));
		expect(fresh.prompt).toBe('@image_2 and user@image_9.example');
	});

	it("reads Kling 4.0's @Image1 style too, and refuses one with no input behind it", () => {
		const named = body('@Image2 holds @Element1; mail @Image1s or me@Image1');
		applyPromptReferences(named, route('new'));
		expect(named.prompt).toBe('@image_2 holds @element_1; mail @Image1s or me@Image1');
		expect(() => applyPromptReferences(body('@Image3 waves'), route('new'))).toThrow(
			/^Prompt: names @Image3, but this item has 2 Images/,
		);
	});

	it('refuses a name the request has no input for, before it is paid for', () => {
		expect(() => applyPromptReferences(body('<<<image_3>>> waves'), route('legacy'))).toThrow(
			'Prompt: names <<<image_3>>>, but this item has 2 Images (numbered from 1 in their order, frames included). Name only inputs the request has, as <<<image_1>>> for the first.',
		);
		const shots = { ...body('x'), multi_prompt: [{ prompt: '@voice_1 speaks' }] };
		expect(() => applyPromptReferences(shots, route('new'))).toThrow(
			/^Storyboard shot 1: names @voice_1, but this item gives kling-v3-omni no Voices/,
		);
	});
});
