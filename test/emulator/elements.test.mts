import { describe, expect, it } from 'vitest';

import { PNG_B64, postCreate, useEmulator } from '../support/emulator.mts';

/** Element IDs in creates (docs/reference/kling-api.md#elements-and-voices): legacy longs, new-standard strings, per model. */
describe('emulator: elements in creates', () => {
	const env = useEmulator();
	const post = async (path: string, raw: string) => (await postCreate(env.base, path, raw)).json;
	const i2v = (elementList: string) =>
		`{"model_name":"kling-v3","image":"${PNG_B64}","element_list":${elementList}}`;

	it('legacy: an element ID arrives as a JSON integer and is kept digit for digit', async () => {
		expect(
			(await post('/v1/videos/image2video', i2v('[{"element_id":829836802793406551}]'))).code,
		).toBe(0);
		expect(env.emulator.taskBody()!.element_list).toEqual([{ element_id: '829836802793406551' }]);
	});

	it.each([
		['a quoted ID', '[{"element_id":"829836802793406551"}]'],
		[
			'4 elements on kling-v3',
			'[{"element_id":1},{"element_id":2},{"element_id":3},{"element_id":4}]',
		],
	])('legacy image2video refuses %s', async (_name, list) => {
		expect((await post('/v1/videos/image2video', i2v(list))).code).toBe(1201);
	});

	it('legacy image2video refuses elements on kling-v2-6', async () => {
		const body = `{"model_name":"kling-v2-6","image":"${PNG_B64}","element_list":[{"element_id":1}]}`;
		expect(await post('/v1/videos/image2video', body)).toMatchObject({
			code: 1201,
			message: /not supported by kling-v2-6/,
		});
	});

	it('new standard: an element needs a numeric string ID and an id; 3.0 takes at most 3 in image-to-video', async () => {
		const contents = (elements: unknown[]) =>
			JSON.stringify({ contents: [{ type: 'first_frame', url: PNG_B64 }, ...elements] });
		const element = (id: unknown) => ({ type: 'element', element_id: id, id: `e${String(id)}` });
		expect((await post('/image-to-video/kling-3.0', contents([element('1')]))).code).toBe(0);
		expect((await post('/image-to-video/kling-3.0', contents([element(1)]))).code).toBe(1201);
		const four = ['1', '2', '3', '4'].map(element);
		expect((await post('/image-to-video/kling-3.0', contents(four))).code).toBe(1201);
		expect((await post('/image-to-video/kling-2.6', contents([element('1')]))).code).toBe(1201);
	});
});
