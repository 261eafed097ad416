import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	applyReferenceVideo,
	referenceVideoOf,
} from '../../../nodes/shared/input/referenceVideo.ts';

describe("Omni's reference video", () => {
	it('is a feature reference by default, or a base video to edit, with or without its sound', () => {
		const feature: IDataObject = {};
		applyReferenceVideo(feature, { referenceVideo: { video: { url: ' https://x.test/a.mp4 ' } } });
		expect(referenceVideoOf(feature)).toEqual({
			video_url: 'https://x.test/a.mp4',
			refer_type: 'feature',
			keep_original_sound: 'no',
		});
		const base: IDataObject = {};
		applyReferenceVideo(base, {
			referenceVideo: {
				video: { url: 'https://x.test/b.mp4', use: 'base', keepOriginalSound: true },
			},
		});
		expect(referenceVideoOf(base)).toMatchObject({
			refer_type: 'base',
			keep_original_sound: 'yes',
		});
	});

	it('leaves the body alone when none is given', () => {
		const body: IDataObject = {};
		applyReferenceVideo(body, {});
		expect(body).toEqual({});
		expect(referenceVideoOf(body)).toBeUndefined();
	});
});
