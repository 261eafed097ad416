import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import {
	N8nInstance,
	emulatorCredential,
	legacyEmulatorCredential,
	listExamples,
	loadExample,
	onLegacyStandard,
	type WorkflowJson,
} from '../support/n8n.mts';
import { chain, download, items, kling, trigger } from '../support/workflows.mts';

const PNG_SIGNATURE = '89504e470d0a1a0a';

describe('generation nodes inside a real n8n', () => {
	const emulator = new KlingEmulator({
		videoTaskMs: 1500,
		imageTaskMs: 800,
		submittedMs: 200,
		concurrency: 3,
	});
	let n8n: N8nInstance;
	let url = '';
	const examples: Record<string, WorkflowJson> = {};
	const workflows: Record<string, WorkflowJson> = {};

	beforeAll(async () => {
		url = await emulator.start();
		n8n = await N8nInstance.create('e2e');
		await n8n.importCredentials([emulatorCredential(url), legacyEmulatorCredential(url)]);
		for (const file of listExamples()) {
			examples[file] = loadExample(file, url);
			examples[`legacy:${file}`] = onLegacyStandard(examples[file]);
		}
		const photo = `${url}/samples/photo-1.png`;
		workflows.urlNoWait = chain('e2eUrlNoWait', [
			trigger,
			kling('klingImage2Video', 'Kling', { image: photo, prompt: 'url input', wait: 'none' }),
		]);
		workflows.getTask = chain('e2eGetTask', [
			trigger,
			kling('klingImage2Video', 'Submit', {
				image: photo,
				prompt: 'later',
				wait: 'none',
				options: { externalTaskId: 'e2e-pick-up' },
			}),
			kling('klingImage2Video', 'Get by task ID', {
				operation: 'getTask',
				lookupBy: 'taskId',
				taskId: '={{ $json.taskId }}',
			}),
			kling('klingImage2Video', 'Get by external ID', {
				operation: 'getTask',
				lookupBy: 'externalTaskId',
				taskId: 'e2e-pick-up',
				downloadResult: false,
			}),
		]);
		workflows.many = chain('e2eMany', [
			trigger,
			items(7),
			download(photo),
			kling('klingImage2Video', 'Kling', {
				image: 'data',
				prompt: 'many',
				options: { maxConcurrency: 7 },
			}),
		]);
		workflows.failStop = chain('e2eFailStop', [
			trigger,
			kling('klingImage2Video', 'Kling', {
				image: photo,
				model: 'kling-v1',
				prompt: 'retired model',
			}),
		]);
		workflows.failContinue = chain('e2eFailContinue', [
			trigger,
			items(3),
			kling(
				'klingImage2Video',
				'Kling',
				{ image: photo, prompt: "={{ $json.i === 1 ? 'breaks [fail]' : 'fine' }}" },
				{ onError: 'continueRegularOutput' },
			),
		]);
		workflows.badInput = chain('e2eBadInput', [
			trigger,
			download(`${url}/samples/photo-1-200x200.png`),
			kling('klingMultiImage2Video', 'Kling', {
				model: 'kling-v1-6',
				prompt: 'p',
				images: { image: [{ value: 'data' }] },
			}),
		]);
		// Check the balance, then a batch whose estimate (3 x 1.5 units: Kling 2.6, 5 s, 720p) is
		// above the budget the workflow gives it.
		workflows.budget = chain('e2eBudget', [
			trigger,
			kling('klingAccount', 'Kling Account', { operation: 'getResourcePacks' }),
			items(3),
			kling('klingImage2Video', 'Kling', {
				image: photo,
				model: 'kling-v2-6',
				prompt: 'budget',
				options: { maxUnits: 4 },
			}),
		]);
		await n8n.importWorkflows([...Object.values(examples), ...Object.values(workflows)]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulator.stop();
	});

	beforeEach(() =>
		emulator.reset({ videoTaskMs: 1500, imageTaskMs: 800, submittedMs: 200, concurrency: 3 }),
	);

	it.each(['text-to-video-storyboard.json', 'legacy:text-to-video-storyboard.json'])(
		'example %s: a two-shot storyboard with sound, the shots filled from the item, a video out',
		async (file) => {
			const workflow = examples[file];
			const result = await n8n.execute(workflow.id);
			expect(result.error).toBeUndefined();
			const [item] = result.nodes['Kling Text to Video'];
			expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'text2video' });
			// n8n 3's only local mode: the video is streamed to the binary store on disk.
			expect(item.binary!.data.id).toMatch(/^filesystem/);
			const bytes = n8n.readBinary(item.binary!.data);
			expect(bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
			const stats = emulator.snapshot();
			expect(stats.creates).toBe(1);
			const sent = emulator.taskBody(stats.tasks[0].id)!;
			if (file.startsWith('legacy:')) {
				expect(stats.tasks[0].endpoint).toBe('text2video');
				expect(sent).toMatchObject({ sound: 'on', duration: '5', shot_type: 'customize' });
				expect(JSON.stringify(sent.multi_prompt)).toContain(
					'a red espresso machine on the counter',
				);
			} else {
				expect(sent.settings).toMatchObject({ audio: 'native', duration: 5, multi_shot: true });
				expect(sent.prompt).toMatch(
					/^shot 1, 3, Wide shot: .*a red espresso machine.*; shot 2, 2, Close-up: /,
				);
			}
		},
	);

	it.each(['element-in-two-videos.json', 'legacy:element-in-two-videos.json'])(
		'example %s: an element made from two photos, then used in two videos with its exact ID',
		async (file) => {
			const result = await n8n.execute(examples[file].id);
			expect(result.error).toBeUndefined();
			const [element] = result.nodes['Kling Element'];
			const id = String(element.json.elementId);
			// Above 2^53: only exact if no JavaScript number ever held it.
			expect(id).toMatch(/^\d{18}$/);
			expect(Number.isSafeInteger(Number(id))).toBe(false);
			for (const scene of ['Scene: café', 'Scene: beach']) {
				const [item] = result.nodes[scene];
				expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'text2video' });
				expect(n8n.readBinary(item.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
			}
			const stats = emulator.snapshot();
			expect(stats.creates).toBe(3);
			const videos = stats.tasks.filter((t) => t.endpoint !== 'element');
			for (const task of videos) {
				const sent = emulator.taskBody(task.id)!;
				if (file.startsWith('legacy:')) {
					expect(sent.element_list).toEqual([{ element_id: id }]);
					expect(sent.prompt).toMatch(/^<<<element_1>>> /);
				} else {
					expect(sent.contents).toContainEqual({
						type: 'element',
						element_id: id,
						id: 'element_1',
					});
					expect(JSON.stringify(sent.contents)).toContain('@element_1 ');
				}
			}
		},
	);

	it.each([
		'image-to-video.json',
		'multi-image-to-video.json',
		'multi-image-to-image.json',
		'image-expand.json',
		'image-to-image.json',
		'legacy:image-to-video.json',
		'legacy:multi-image-to-video.json',
		'legacy:multi-image-to-image.json',
	])(
		'example %s runs with binary input from an earlier node and returns binary files',
		async (file) => {
			const workflow = examples[file];
			const result = await n8n.execute(workflow.id);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			const node = workflow.nodes.find((n) => String(n.type).startsWith('n8n-nodes-kling.'))!;
			const [item] = result.nodes[String(node.name)];
			expect(item.json.status).toBe('succeeded');
			const binaries = Object.values(item.binary ?? {});
			expect(binaries.length).toBeGreaterThan(0);
			for (const b of binaries) {
				const bytes = n8n.readBinary(b);
				if (b.mimeType === 'video/mp4') expect(bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
				else expect(bytes.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
			}
			const stats = emulator.snapshot();
			expect(stats.creates).toBe(1);
			const sent = emulator.taskBody(stats.tasks[0].id)!;
			// Both standards: the first image of the legacy body, or the new standard's first content URL.
			const image = (sent.image ??
				(sent.contents as Array<{ url?: string }>)?.find((c) => c.url)?.url ??
				(sent.image_list as Array<{ image?: string; image_url?: string }>)?.[0]?.image ??
				(sent.image_list as Array<{ image_url?: string }>)?.[0]?.image_url ??
				(sent.subject_image_list as Array<{ subject_image: string }>)?.[0]
					?.subject_image) as string;
			expect(Buffer.from(image, 'base64').subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
		},
	);

	it('example kling-4-keyframes.json: Kling 4.0 through three keyframes, the documented body, no callback or external ID', async () => {
		const result = await n8n.execute(examples['kling-4-keyframes.json'].id);
		expect(result.error).toBeUndefined();
		const [item] = result.nodes['Kling Image to Video'];
		expect(item.json).toMatchObject({
			status: 'succeeded',
			model: 'kling-4.0',
			apiStandard: 'new',
			externalTaskId: null,
			sound: 'always on: Kling 4.0 always generates its own sound',
		});
		expect(n8n.readBinary(item.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const stats = emulator.snapshot();
		expect(stats.creates).toBe(1);
		expect(stats.requests.filter((r) => r.kind === 'create').map((r) => r.path)).toEqual([
			'/omni-video/kling-4.0',
		]);
		const sent = emulator.taskBody(stats.tasks[0].id)!;
		expect(Object.keys(sent).sort()).toEqual(['contents', 'settings']);
		const contents = sent.contents as Array<{ type: string; url?: string }>;
		expect(contents.map((c) => c.type)).toEqual([
			'prompt',
			'first_frame',
			'middle_frame',
			'last_frame',
		]);
		for (const frame of contents.slice(1))
			expect(Buffer.from(frame.url!, 'base64').subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
		expect(sent.settings).toEqual({ resolution: '1080p', duration: 10 });
	});

	it('example kling-4-reference.json: two photos and a clip the prompt names, as reference-to-video', async () => {
		const result = await n8n.execute(examples['kling-4-reference.json'].id);
		expect(result.error).toBeUndefined();
		const [item] = result.nodes['Kling Multi-Image to Video'];
		expect(item.json).toMatchObject({ status: 'succeeded', model: 'kling-4.0' });
		expect(n8n.readBinary(item.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const stats = emulator.snapshot();
		expect(stats.creates).toBe(1);
		expect(stats.promptWarnings).toEqual([]);
		const sent = emulator.taskBody(stats.tasks[0].id)!;
		expect(Object.keys(sent).sort()).toEqual(['contents', 'settings']);
		const contents = sent.contents as Array<{ type: string; id?: string; text?: string }>;
		expect(contents.map((c) => [c.type, c.id])).toEqual([
			['prompt', undefined],
			['refer_image', 'image_1'],
			['refer_image', 'image_2'],
			['feature_video', 'video_1'],
		]);
		expect(contents[0].text).toMatch(/^@image_1 and @image_2 dance .* in @video_1 moves$/);
		expect(sent.settings).toEqual({ duration: 8, aspect_ratio: '9:16' });
	});

	it('example motion-control.json: a photo follows a clip; the new-standard body, an MP4 out', async () => {
		const result = await n8n.execute(examples['motion-control.json'].id);
		expect(result.error).toBeUndefined();
		const [item] = result.nodes['Kling Motion Control'];
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'motionControl' });
		expect(n8n.readBinary(item.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const stats = emulator.snapshot();
		expect(stats.requests.filter((r) => r.kind === 'create').map((r) => r.path)).toEqual([
			'/motion-control/kling-3.0',
		]);
		const sent = emulator.taskBody(stats.tasks[0].id)!;
		const contents = sent.contents as Array<{ type: string; url: string }>;
		expect(contents.map((c) => c.type)).toEqual(['prompt', 'image', 'video']);
		expect(Buffer.from(contents[1].url, 'base64').subarray(0, 8).toString('hex')).toBe(
			PNG_SIGNATURE,
		);
		expect(contents[2].url).toMatch(/\/samples\/dance\.mp4$/);
		expect(sent.settings).toEqual({
			resolution: '720p',
			audio: 'original',
			character_orientation: 'image',
		});
	});

	it('example video-with-sound-effects.json: text to video, then its sound by the video ID; MP4, MP3 and WAV out', async () => {
		const result = await n8n.execute(examples['video-with-sound-effects.json'].id);
		expect(result.error).toBeUndefined();
		const [clip] = result.nodes['Kling Text to Video'];
		const [item] = result.nodes['Kling Video to Audio'];
		const videoId = (clip.json.videos as Array<{ id: string }>)[0].id;
		const stats = emulator.snapshot();
		expect(stats.creates).toBe(2);
		expect(emulator.taskBody(stats.tasks[1].id)).toMatchObject({
			video_id: videoId,
			sound_effect_prompt: 'Waves crashing on pebbles, distant gulls',
		});
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'videoToAudio' });
		const binary = item.binary!;
		expect(n8n.readBinary(binary.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const mp3 = n8n.readBinary(binary.data_1);
		expect([mp3[0], mp3[1] & 0xe0]).toEqual([0xff, 0xe0]);
		const wav = n8n.readBinary(binary.data_1_wav);
		expect(wav.toString('latin1', 0, 4) + wav.toString('latin1', 8, 12)).toBe('RIFFWAVE');
		// The sound is as long as the video: its data over the byte rate.
		expect(wav.readUInt32LE(40) / wav.readUInt32LE(28)).toBeCloseTo(5, 1);
	});

	it('example talking-clip-with-music.json: text to video → lip-sync with an uploaded voice → music, by video IDs', async () => {
		const result = await n8n.execute(examples['talking-clip-with-music.json'].id);
		expect(result.error).toBeUndefined();
		const clipId = (result.nodes['Kling Text to Video'][0].json.videos as Array<{ id: string }>)[0]
			.id;
		const [spoken] = result.nodes['Kling Lip-Sync'];
		expect(spoken.json).toMatchObject({ status: 'succeeded', endpoint: 'lipSync' });
		const spokenId = (spoken.json.videos as Array<{ id: string }>)[0].id;
		const stats = emulator.snapshot();
		expect(stats.syncCalls).toBe(1);
		expect(stats.tasks.map((t) => t.endpoint)).toEqual([
			'new:text-to-video',
			'lipSync',
			'videoToAudio',
		]);
		const [face] = emulator.taskBody(stats.tasks[1].id)!.face_choose as Array<
			Record<string, unknown>
		>;
		// The whole voice-over (its length read from the MP3's frames), from the face's first moment.
		expect(face).toMatchObject({ face_id: '0', sound_start_time: 0, sound_insert_time: 0 });
		expect(face.sound_end_time).toBeGreaterThan(3900);
		expect(emulator.taskBody(stats.tasks[2].id)).toMatchObject({ video_id: spokenId });
		expect(spokenId).not.toBe(clipId);
		const [music] = result.nodes['Kling Video to Audio'];
		expect(n8n.readBinary(music.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		expect(n8n.readBinary(music.binary!.data_1_wav).toString('latin1', 8, 12)).toBe('WAVE');
	});

	it('example spoken-product-clip.json: text to image → image to video → text to speech (no task) → lip-sync by its audio_id', async () => {
		const result = await n8n.execute(examples['spoken-product-clip.json'].id);
		expect(result.error).toBeUndefined();
		const [shot] = result.nodes['Kling Text to Image'];
		expect(shot.json).toMatchObject({ status: 'succeeded', endpoint: 'textToImage' });
		const png = n8n.readBinary(shot.binary!.data);
		expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
		const made = emulator.snapshot().tasks;
		const t2i = made.find((t) => t.endpoint === 'imageGenerations')!;
		expect(emulator.taskBody(t2i.id)).toMatchObject({
			model_name: 'kling-v3',
			aspect_ratio: '16:9',
		});
		// The generated image itself went on to image to video.
		const i2v = made.find(
			(t) => t.endpoint !== 'imageGenerations' && t.endpoint !== 'textToSpeech',
		)!;
		const frame = emulator.taskBody(i2v.id)!;
		const first = (frame.contents as Array<{ type: string; url?: string }> | undefined)?.find(
			(c) => c.type === 'first_frame',
		)?.url;
		expect(Buffer.from(String(frame.image ?? first), 'base64').equals(png)).toBe(true);
		const [speech] = result.nodes['Kling Text to Speech'];
		const audio = (speech.json.audios as Array<{ id: string; duration: string }>)[0];
		expect(speech.json).toMatchObject({ status: 'succeeded', endpoint: 'textToSpeech' });
		const stats = emulator.snapshot();
		// Text to speech answered its create with the sound: it was never read.
		const ttsTask = stats.tasks.find((t) => t.endpoint === 'textToSpeech')!;
		expect(stats.pollsByTask[ttsTask.id]).toBeUndefined();
		const lipSync = stats.tasks.find((t) => t.endpoint === 'lipSync')!;
		const [face] = emulator.taskBody(lipSync.id)!.face_choose as Array<Record<string, unknown>>;
		expect(face).toMatchObject({
			audio_id: audio.id,
			sound_end_time: Math.round(Number(audio.duration) * 1000),
		});
		const [spoken] = result.nodes['Kling Lip-Sync'];
		expect(n8n.readBinary(spoken.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
	});

	it('example virtual-try-on.json: Try-On 3.0 on the solutions API, two URLs in, a PNG out', async () => {
		const result = await n8n.execute(examples['virtual-try-on.json'].id);
		expect(result.error).toBeUndefined();
		const [item] = result.nodes['Kling Virtual Try-On'];
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint: 'virtualTryOn' });
		expect(n8n.readBinary(item.binary!.data).subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
		const stats = emulator.snapshot();
		expect(stats.creates).toBe(1);
		const sent = emulator.taskBody(stats.tasks[0].id)!;
		expect(sent.contents).toEqual([
			{ type: 'product_image', url: expect.stringMatching(/photo-8-800x800\.png$/) },
			{ type: 'person_image', url: expect.stringMatching(/photo-7-768x1024\.png$/) },
		]);
		expect(sent.settings).toEqual({ keep_background: false });
		const reads = stats.requests.filter((r) => r.kind === 'query').map((r) => r.path);
		expect(new Set(reads)).toEqual(new Set(['/solutions']));
	});

	it('example custom-voice.json: a voice from a recording, its voiceId spoken in a Kling 2.6 video', async () => {
		const result = await n8n.execute(examples['custom-voice.json'].id);
		expect(result.error).toBeUndefined();
		const [made] = result.nodes['Kling Voice'];
		const voiceId = String(made.json.voiceId);
		expect(voiceId).not.toBe('');
		const stats = emulator.snapshot();
		const voiceTask = stats.tasks.find((t) => t.endpoint === 'customVoice')!;
		expect(emulator.taskBody(voiceTask.id)).toMatchObject({
			voice_name: 'Narrator',
			voice_url: expect.stringMatching(/narrator-12s\.mp3$/),
		});
		const video = stats.tasks.find((t) => t.endpoint !== 'customVoice')!;
		expect(emulator.taskBody(video.id)!.contents).toContainEqual({
			type: 'voice',
			voice_id: voiceId,
			id: 'voice_1',
		});
		const [clip] = result.nodes['Kling Image to Video'];
		expect(n8n.readBinary(clip.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
	});

	it('example video-edit.json: a generated clip, its cup removed by video ID and two marked frames', async () => {
		const result = await n8n.execute(examples['video-edit.json'].id);
		expect(result.error).toBeUndefined();
		const [clip] = result.nodes['Kling Text to Video'];
		const [edited] = result.nodes['Kling Video Edit'];
		expect(edited.json).toMatchObject({ status: 'succeeded', endpoint: 'videoEdit' });
		expect(n8n.readBinary(edited.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const stats = emulator.snapshot();
		const calls = stats.requests.filter((r) => r.path.startsWith('/v1/videos/multi-elements'));
		expect(calls.map((r) => r.path)).toEqual([
			'/v1/videos/multi-elements/init-selection',
			'/v1/videos/multi-elements/add-selection',
			'/v1/videos/multi-elements/add-selection',
			'/v1/videos/multi-elements',
			...calls.slice(4).map(() => expect.stringMatching(/^\/v1\/videos\/multi-elements\/\d+$/)),
		]);
		const task = stats.tasks.find((t) => t.endpoint === 'multiElements')!;
		expect(emulator.taskBody(task.id)).toMatchObject({
			edit_mode: 'removal',
			prompt: 'Delete the red coffee cup from <<<video_1>>>',
		});
		expect(String((clip.json.videos as Array<{ id: string }>)[0].id)).not.toBe('');
	});

	it('example sound-effect.json: an MP3 and a WAV as long as asked', async () => {
		const result = await n8n.execute(examples['sound-effect.json'].id);
		expect(result.error).toBeUndefined();
		const [item] = result.nodes['Kling Text to Audio'];
		const mp3 = n8n.readBinary(item.binary!.data);
		expect([mp3[0], mp3[1] & 0xe0]).toEqual([0xff, 0xe0]);
		const wav = n8n.readBinary(item.binary!.data_wav);
		expect(wav.readUInt32LE(40) / wav.readUInt32LE(28)).toBe(6.5);
	});

	it.each([
		['avatar.json', 'Kling Avatar', 'avatar'],
		['video-effect-hug.json', 'Kling Video Effects', 'effects'],
		['video-extend.json', 'Kling Video Extend', 'videoExtend'],
		['lip-sync-one-shot.json', 'Kling Lip-Sync One-Shot', 'lipSyncOneShot'],
	])('example %s: its inputs in, a video out', async (file, node, endpoint) => {
		const result = await n8n.execute(examples[file].id);
		expect(result.error).toBeUndefined();
		const [item] = result.nodes[node];
		expect(item.json).toMatchObject({ status: 'succeeded', endpoint });
		expect(n8n.readBinary(item.binary!.data).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const stats = emulator.snapshot();
		// One task of the tool (the one-shot lip-sync's clip is made first).
		const own = stats.tasks.filter((t) => t.endpoint === endpoint);
		expect(own).toHaveLength(1);
		const sent = emulator.taskBody(own[0].id)!;
		const input = sent.input as { images?: string[] } | undefined;
		const images = { effects: input?.images, avatar: [String(sent.image)] }[endpoint] ?? [];
		for (const image of images)
			expect(Buffer.from(image, 'base64').subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
		if (endpoint === 'avatar') expect(sent.sound_file).toMatch(/\/samples\/welcome-6s\.mp3$/);
		if (endpoint === 'videoExtend') expect(sent.video_id).toBe('video-sample-v1-6');
		if (endpoint === 'lipSyncOneShot')
			expect(sent.input).toMatchObject({ mode: 'text2video', voice_id: 'oversea_male1' });
	});

	it("URL input with Don't Wait returns the submitted task", async () => {
		const result = await n8n.execute(workflows.urlNoWait.id);
		expect(result.status).toBe('success');
		expect(result.nodes.Kling[0].json).toMatchObject({
			status: 'submitted',
			endpoint: 'image2video',
		});
		expect(emulator.snapshot().pollsByTask).toEqual({});
	});

	it('Get Task by task ID (waits, downloads) and by external ID', async () => {
		const result = await n8n.execute(workflows.getTask.id);
		expect(result.status).toBe('success');
		const submitted = result.nodes.Submit[0].json;
		expect(result.nodes['Get by task ID'][0].json).toMatchObject({
			taskId: submitted.taskId,
			status: 'succeeded',
		});
		expect(result.nodes['Get by task ID'][0].binary?.data.mimeType).toBe('video/mp4');
		expect(result.nodes['Get by external ID'][0].json).toMatchObject({
			taskId: submitted.taskId,
			externalTaskId: 'e2e-pick-up',
		});
		expect(result.nodes['Get by external ID'][0].binary).toBeUndefined();
		expect(emulator.snapshot().creates).toBe(1);
	});

	it('many items under an account limit of 3: all finish, in order, one create each', async () => {
		const result = await n8n.execute(workflows.many.id);
		expect(result.status).toBe('success');
		const out = result.nodes.Kling;
		expect(out).toHaveLength(7);
		expect(out.map((o) => o.pairedItem)).toEqual(
			Array.from({ length: 7 }, (_, i) => ({ item: i })),
		);
		expect(out.every((o) => o.json.status === 'succeeded' && o.binary?.data)).toBe(true);
		const stats = emulator.snapshot();
		expect(stats.peakConcurrency).toBeLessThanOrEqual(3);
		expect(stats.creates).toBe(7);
		expect(stats.duplicateCreates).toBe(0);
	});

	it('a Kling error stops the workflow with the code, its meaning and the request id', async () => {
		const result = await n8n.execute(workflows.failStop.id);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/Kling error 1203: model retired or not available on this endpoint/,
		);
		expect(result.error?.message).toMatch(/request id [0-9a-f-]{36}/);
		// The retired model's error names the node's live models, from the catalogue.
		expect(result.error?.description).toMatch(
			/Live models for Image to Video: .*Kling 3\.0 \(kling-v3\)/,
		);
		expect(result.stdout).not.toContain('emulator-api-key');
	});

	it('with continue on fail, a failed task fails only its item', async () => {
		const result = await n8n.execute(workflows.failContinue.id);
		expect(result.status).toBe('success');
		const out = result.nodes.Kling;
		expect(out.map((o) => o.json.status ?? 'error')).toEqual(['succeeded', 'failed', 'succeeded']);
		expect(out[1].json.error).toMatch(/failed: Failure to pass the risk control system/);
	});

	it('Kling Account reads the packs; a batch above Max Units per Execution is refused before sending', async () => {
		const result = await n8n.execute(workflows.budget.id);
		expect(result.nodes['Kling Account'][0].json).toMatchObject({
			remaining: { video: 100, image: 1000 },
			remainingByBillingKind: { video: { decreasing_total: 100 } },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Max Units per Execution: this run would cost about 4.5 video units (3 task(s)), above the limit of 4',
		);
		expect(emulator.snapshot().createAttempts).toBe(0);
	});

	it('bad input stops the node before any request', async () => {
		const result = await n8n.execute(workflows.badInput.id);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/Images #1: the image is 200x200 px; Kling needs at least 300 px/,
		);
		expect(emulator.snapshot().createAttempts).toBe(0);
	});
});
