import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { TaskRoute } from '../../../nodes/shared/api/routing.ts';
import { applyVideoSettings, imageList, imageSlot } from '../../../nodes/shared/input/request.ts';
import { multiImage2video } from '../../../nodes/shared/products/multiImage2video/index.ts';
import { emulatorCredentials, makeContext } from '../../support/context.mts';

const credentials = emulatorCredentials('http://127.0.0.1:9');
const context = (params: IDataObject, isTool = false) =>
	makeContext({
		params,
		credentials,
		isTool,
		items: [{ json: {}, binary: { photo: { data: 'aGVsbG8=', mimeType: 'image/png' } } }],
	}).ctx;
const [omniVideo, multiImage] = multiImage2video.endpoints.legacy;
const route = (legacy: TaskRoute['legacy']) => ({ legacy }) as TaskRoute;

describe('the parts every request builder shares', () => {
	it('an image slot: what its value is, and where it goes', () => {
		const slot = imageSlot(context({}), 0, 'photo', 'Image', ['image']);
		expect(slot).toEqual({
			path: ['image'],
			field: 'Image',
			checkAspect: true,
			ref: { kind: 'binary', property: 'photo' },
		});
	});

	it('as a tool, a value that is no image is refused with what the model can change', () => {
		expect(() => imageSlot(context({}, true), 0, 'a red boat', 'Image', ['image'])).toThrow(
			'Image: must be a public https URL of a JPG or PNG image when this node runs as a tool; got "a red boat"',
		);
		expect(imageSlot(context({}, true), 0, 'photo', 'Image', ['image']).ref.kind).toBe('binary');
	});

	it("a list of images: each its own slot and name; the provider's minimum first", () => {
		const params = { images: { image: [{ value: 'https://x.test/a.png' }, { value: 'photo' }] } };
		const slots = imageList(context(params), 0, 'images', 'Images', 1, (n) => [
			'image_list',
			n,
			'image',
		]);
		expect(slots.map((s) => [s.field, s.path])).toEqual([
			['Images #1', ['image_list', 0, 'image']],
			['Images #2', ['image_list', 1, 'image']],
		]);
		expect(() => imageList(context(params), 0, 'images', 'Images', 3, () => [])).toThrow(
			'Images: has 2 image(s); this provider needs at least 3',
		);
	});

	it('an entry of several URLs separated by commas (as an agent fills it) is one image each', () => {
		const params = {
			images: { image: [{ value: 'https://x.test/a.png, https://x.test/b.png,' }] },
		};
		const slots = imageList(context(params), 0, 'images', 'Images', 2, (n) => [
			'image_list',
			n,
			'image',
		]);
		expect(slots.map((s) => s.ref)).toEqual([
			{ kind: 'url', value: 'https://x.test/a.png' },
			{ kind: 'url', value: 'https://x.test/b.png' },
		]);
		const mixed = { images: { image: [{ value: 'photo, https://x.test/b.png' }] } };
		expect(() => imageList(context(mixed), 0, 'images', 'Images', 1, () => [])).toThrow(
			/^Images #1: /,
		);
	});

	it('video settings as every video node maps them; Omni needs an aspect ratio', () => {
		const omni: IDataObject = {};
		applyVideoSettings(omni, { mode: 'pro', duration: 10, sound: false }, route(omniVideo), true);
		expect(omni).toEqual({ mode: 'pro', duration: '10', aspect_ratio: '16:9', sound: 'off' });
		const plain: IDataObject = {};
		applyVideoSettings(plain, {}, route(multiImage), true);
		expect(plain).toEqual({});
	});
});
