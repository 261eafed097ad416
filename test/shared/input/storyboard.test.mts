import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { findModel } from '../../../nodes/shared/models/catalogue.ts';
import { applyStoryboard } from '../../../nodes/shared/input/storyboard.ts';

const kling3 = findModel('text2video', 'kling-v3');

describe('storyboards', () => {
	it('a storyboard without shots says so, instead of a duration of 0 the user never set', () => {
		for (const shots of [undefined, { shot: [] }]) {
			expect(() =>
				applyStoryboard({ prompt: 'p' }, { multiShot: 'storyboard', shots }, kling3),
			).toThrow(
				/^Shots: a storyboard needs at least one shot; add shots in Options, or set Multi-Shot to Intelligent or Single Shot$/,
			);
		}
	});

	it('shots become the legacy multi_prompt, and their seconds the duration', () => {
		const body: IDataObject = { prompt: 'p' };
		applyStoryboard(
			body,
			{
				shots: {
					shot: [
						{ prompt: 'a', duration: 2 },
						{ prompt: 'b', duration: 3 },
					],
				},
			},
			kling3,
		);
		expect(body).toEqual({
			multi_shot: true,
			shot_type: 'customize',
			multi_prompt: [
				{ index: 1, prompt: 'a', duration: '2' },
				{ index: 2, prompt: 'b', duration: '3' },
			],
			duration: '5',
		});
	});
});
