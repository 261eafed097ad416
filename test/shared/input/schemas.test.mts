import { describe, expect, it } from 'vitest';

import {
	fieldLabel,
	image2videoSchema,
	multiImage2imageSchema,
} from '../../../nodes/shared/input/schemas/index.ts';

const base = { model_name: 'kling-v2-6', image: 'https://x/a.png', external_task_id: 'e' };
const firstIssue = (result: {
	success: boolean;
	error?: { issues: Array<{ path: Array<string | number>; message: string }> };
}) => {
	const issue = result.error!.issues[0];
	return issue.path.length ? `${fieldLabel(issue.path)}: ${issue.message}` : issue.message;
};

describe("Kling's rules, one place each, named as the panel names the fields", () => {
	it('names nested fields like the panel', () => {
		expect(fieldLabel(['dynamic_masks', 2, 'trajectories'])).toBe('Dynamic Masks #3 Trajectory');
		expect(fieldLabel(['camera_control', 'config', 'pan'])).toBe('Camera Control pan');
		expect(fieldLabel(['subject_image_list'])).toBe('Subject Images');
	});

	it('says the rule with the value given', () => {
		expect(firstIssue(image2videoSchema.safeParse({ ...base, mode: 'ultra' }))).toBe(
			'Mode: "ultra" is not allowed; use one of std, pro, 4k',
		);
		expect(firstIssue(image2videoSchema.safeParse({ ...base, cfg_scale: 1.5 }))).toBe(
			'CFG Scale: 1.5 is outside 0 to 1',
		);
		expect(
			firstIssue(
				image2videoSchema.safeParse({
					...base,
					camera_control: { type: 'simple', config: { pan: 2, zoom: 3 } },
				}),
			),
		).toBe('Camera Control: type Simple needs exactly one non-zero axis (now pan, zoom)');
		const m2i = { ...base, image: undefined };
		expect(firstIssue(multiImage2imageSchema.safeParse({ ...m2i, subject_image_list: [] }))).toBe(
			'Subject Images: needs at least 1 images',
		);
		const one = [{ subject_image: 'https://x/a.png' }];
		expect(
			firstIssue(multiImage2imageSchema.safeParse({ ...m2i, subject_image_list: one, n: 10 })),
		).toBe('Number of Images: 10 is not allowed; use a whole number from 1 to 9');
	});

	it('accepts a valid body', () => {
		expect(
			image2videoSchema.safeParse({ ...base, mode: 'pro', duration: '10', cfg_scale: 0.5 }).success,
		).toBe(true);
	});
});
