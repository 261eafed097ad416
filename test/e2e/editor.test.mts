/**
 * The editor as a user meets it: n8n 2.41's real editor in Debian's Chromium (playwright-core),
 * on the same set-up as `npm run dev`. Screenshots go to .e2e/screenshots/ on every run; the
 * README's come from there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import { Editor } from '../support/editor.mts';
import {
	EMULATOR_CREDENTIAL_ID,
	N8nInstance,
	emulatorCredential,
	listExamples,
	loadExample,
} from '../support/n8n.mts';
import { PRODUCTS } from '../../nodes/shared/products/registry.ts';

const EMAIL = 'editor@kling.local';
const PASSWORD = 'KlingEditor1';
/** Every product's node, by the name the node panel shows. */
const GENERATION_NODES = PRODUCTS.map((p) => `Kling ${p.label}`);
/** Options that only mean something when a task is created. */
const GENERATE_ONLY = [
	'callbackUrl',
	'cameraControl',
	'cfgScale',
	'duration',
	'dynamicMasks',
	'endFrame',
	'middleFrames',
	'externalTaskId',
	'mode',
	'negativePrompt',
	'sound',
	'staticMask',
	'watermark',
	'multiShot',
	'shots',
	'elements',
	'aspectRatio',
	'model',
	'image',
	'prompt',
];

/** How long a panel may take to re-render after a change, on a busy machine. */
const POLL = { timeout: 30_000, interval: 500 };

describe('the n8n editor in a real browser', () => {
	const emulator = new KlingEmulator({
		videoTaskMs: 1500,
		imageTaskMs: 800,
		submittedMs: 200,
		concurrency: 5,
	});
	let n8n: N8nInstance;
	let editor: Editor;

	beforeAll(async () => {
		const url = await emulator.start();
		// The one suite left in n8n 2's in-memory binary mode (n8n 3 removes it): results still preview.
		n8n = await N8nInstance.create('editor', undefined, 'default');
		await n8n.importCredentials([emulatorCredential(url)]);
		const examples = listExamples().map((f) => loadExample(f, url));
		// The panel tests change parameters and n8n's editor autosaves: they work on copies, so
		// the runs below execute the examples as shipped.
		const copies = examples.map((w) => ({ ...w, id: `${w.id}Panel`, name: `${w.name} (panels)` }));
		await n8n.importWorkflows([...examples, ...copies, emptyStoryboard(examples)]);
		await n8n.setOwner(EMAIL, PASSWORD);
		await n8n.start();
		editor = await Editor.open(`http://127.0.0.1:${n8n.port}`);
		await editor.login(EMAIL, PASSWORD);
	});

	afterAll(async () => {
		await editor?.close();
		await n8n?.dispose();
		await emulator.stop();
	});

	it('finds the trigger and every node by "kling" from an empty workflow', async () => {
		await editor.page.goto(`${editor.baseUrl}/workflow/new`);
		const found = await editor.searchNodes('kling', 'trigger');
		await editor.shot('node-creator-trigger-kling');
		await editor.closeNodeCreator();
		// n8n ranks short names first ("Kling Voice", "Kling Avatar", "Kling Element", "Kling
		// Account"), then the trigger.
		expect(found.indexOf('Kling Trigger')).toBeGreaterThanOrEqual(0);
		expect(found.indexOf('Kling Trigger')).toBeLessThanOrEqual(5);
		expect(found).toEqual(
			expect.arrayContaining([...GENERATION_NODES, 'Kling Account', 'Kling Polling Trigger']),
		);
	});

	it('finds every generation node by "kling", "video" and "image" on a canvas, without the Tool variants', async () => {
		await editor.openWorkflow('klingExampleI2V');
		const byKling = await editor.searchNodes('kling', 'regular');
		await editor.shot('node-creator-kling');
		await editor.closeNodeCreator();
		expect(byKling).toEqual(expect.arrayContaining(GENERATION_NODES));
		expect(byKling.filter((n) => / Tool$/.test(n))).toEqual([]);

		const byVideo = await editor.searchNodes('video', 'regular');
		await editor.closeNodeCreator();
		expect(byVideo).toEqual(
			expect.arrayContaining([
				'Kling Text to Video',
				'Kling Image to Video',
				'Kling Multi-Image to Video',
			]),
		);
		const byImage = await editor.searchNodes('image', 'regular');
		await editor.closeNodeCreator();
		expect(byImage).toContain('Kling Multi-Image to Image');
		// Each node by its own words too, with the codex verification asks for (Marketing & Content,
		// no AI category, no subcategories).
		for (const [words, node] of [
			['text to video', 'Kling Text to Video'],
			['element', 'Kling Element'],
			['resource pack', 'Kling Account'],
		]) {
			const found = await editor.searchNodes(words, 'regular');
			await editor.closeNodeCreator();
			expect(found, words).toContain(node);
		}
	});

	it('finds each video tool by its own words and shows its panel, which follows the scene', async () => {
		await editor.openWorkflow('klingExampleI2V');
		for (const [words, node] of [
			['motion control', 'Kling Motion Control'],
			['sound effects', 'Kling Video to Audio'],
			['avatar', 'Kling Avatar'],
			['talking head', 'Kling Avatar'],
			['effect', 'Kling Video Effects'],
			['extend', 'Kling Video Extend'],
			['lip sync', 'Kling Lip-Sync'],
			['text to speech', 'Kling Text to Speech'],
			['sound effect', 'Kling Text to Audio'],
			['expand', 'Kling Image Expand'],
			['text to image', 'Kling Text to Image'],
			['try on', 'Kling Virtual Try-On'],
			['voice', 'Kling Voice'],
			['remove object', 'Kling Video Edit'],
		]) {
			const found = await editor.searchNodes(words, 'regular');
			await editor.closeNodeCreator();
			expect(found, words).toContain(node);
		}
		for (const [workflow, node, parameters, shot] of [
			[
				'klingExampleMotionControlPanel',
				'Kling Motion Control',
				['model', 'image', 'video', 'characterOrientation', 'prompt'],
				'panel-motion-control',
			],
			[
				'klingExampleVideoToAudioPanel',
				'Kling Video to Audio',
				['video', 'soundEffectPrompt', 'bgmPrompt'],
				'panel-video-to-audio',
			],
			['klingExampleAvatarPanel', 'Kling Avatar', ['image', 'audio', 'prompt'], 'panel-avatar'],
			[
				'klingExampleEffectsPanel',
				'Kling Video Effects',
				['scene', 'image', 'secondImage'],
				'panel-video-effects',
			],
			[
				'klingExampleVideoExtendPanel',
				'Kling Video Extend',
				['video', 'prompt'],
				'panel-video-extend',
			],
			[
				'klingExampleTalkingClipPanel',
				'Kling Lip-Sync',
				['video', 'audio', 'faceId'],
				'panel-lip-sync',
			],
			[
				'klingExampleSpokenClipPanel',
				'Kling Text to Speech',
				['text', 'language', 'voice', 'downloadResult'],
				'panel-text-to-speech',
			],
			[
				'klingExampleVirtualTryOnPanel',
				'Kling Virtual Try-On',
				['model', 'personImage', 'garmentImage'],
				'panel-virtual-try-on',
			],
			['klingExampleCustomVoicePanel', 'Kling Voice', ['voiceName', 'voiceSample'], 'panel-voice'],
			[
				'klingExampleImageToImagePanel',
				'Kling Text to Image',
				['model', 'prompt', 'referenceImage', 'numberOfImages'],
				'panel-text-to-image',
			],
		] as const) {
			await editor.openWorkflow(workflow);
			await editor.openNode(node);
			expect(await editor.parameterNames(), node).toEqual(expect.arrayContaining([...parameters]));
			await editor.shot(shot);
			if (node === 'Kling Motion Control') {
				await editor.page
					.getByText('A public MP4/MOV URL only: Kling downloads it')
					.first()
					.waitFor();
				await expect
					.poll(() => editor.optionChoices('characterOrientation'), POLL)
					.toEqual(['As in the Image', 'As in the Video']);
			}
			if (node === 'Kling Video Effects') {
				// The scene list is searched by typing; a one-image scene hides the second image.
				await editor.page.locator('[data-test-id=parameter-input-scene]').click();
				await editor.page.keyboard.type('birthday');
				await editor.page
					.locator('.el-select-dropdown:visible .el-select-dropdown__item', {
						hasText: 'Happy Birthday',
					})
					.first()
					.click();
				await expect.poll(() => editor.parameterNames(), POLL).not.toContain('secondImage');
			}
			await editor.closeNode();
		}
	});

	it('shows Generate parameters with hints, and a Get Task panel without Generate-only options', async () => {
		await editor.openWorkflow('klingExampleI2VPanel');
		const canvasNode = editor.page.locator('[data-test-id=canvas-node]', {
			hasText: 'Kling Image to Video',
		});
		// The subtitle names the model as people know it, not by its id.
		expect(await canvasNode.first().innerText()).toContain('Generate with Kling 3.0');
		await editor.openNode('Kling Image to Video');
		const generate = await editor.parameterNames();
		expect(generate).toEqual(
			expect.arrayContaining(['operation', 'model', 'image', 'prompt', 'wait']),
		);
		await editor.page
			.getByText('A binary field name (e.g. data), an https URL or raw Base64')
			.waitFor();
		expect(await editor.optionChoices('wait')).toEqual([
			'Wait for Completion',
			'Until Kling Calls Back',
			"Don't Wait",
		]);
		const addable = await editor.addableOptions();
		expect(addable).toEqual(
			expect.arrayContaining(['Camera Control', 'End Frame', 'Callback URL']),
		);
		await editor.shot('panel-image-to-video-generate');

		// Lists say what they add, and an added empty one stays when another option is added.
		await editor.addOption('Camera Control');
		const addCamera = editor.page.getByText('Add Camera Control').first();
		await addCamera.waitFor();
		await editor.addOption('Dynamic Masks (Motion Brush)');
		await editor.page.getByText('Add Mask Group').first().waitFor();
		await addCamera.waitFor();
		// No standing notice: each option's own description says what it excludes.
		expect(await editor.page.getByText(/exclude each other/).count()).toBe(0);
		await editor.shot('panel-image-to-video-options');

		// The choices follow the model: Kling 3.0 takes 3 to 15 s and 4K; Kling 2.6 takes 5 or
		// 10 s and no 4K; Kling 2.5 Turbo makes no sound, so Sound is not offered.
		// Read until the panel shows the model's choices: it re-renders after the model changes.
		const choices = (name: string) => expect.poll(() => editor.optionChoices(name), POLL);
		await choices('duration').toEqual(Array.from({ length: 13 }, (_, i) => String(i + 3)));
		await choices('mode').toEqual(['Standard (720p)', 'Professional (1080p)', '4K']);
		await editor.selectOption('model', 'Kling 2.6');
		await choices('duration').toEqual(['5', '10']);
		await choices('mode').toEqual(['Standard (720p)', 'Professional (1080p)']);
		await editor.shot('panel-image-to-video-kling-2-6');
		expect(await editor.parameterNames()).toContain('sound');
		await editor.selectOption('model', 'Kling 2.5 Turbo');
		await expect.poll(() => editor.parameterNames(), POLL).not.toContain('sound');
		await editor.shot('panel-image-to-video-kling-2-5-turbo');

		await editor.selectOption('wait', 'Until Kling Calls Back');
		expect(await editor.addableOptions()).not.toContain('Callback URL');
		await editor.selectOption('wait', 'Wait for Completion');

		await editor.selectOption('operation', 'Get Task');
		const getTask = await editor.parameterNames();
		await editor.shot('panel-image-to-video-get-task');
		expect(getTask).toEqual(expect.arrayContaining(['lookupBy', 'taskId', 'wait']));
		expect(getTask.filter((n) => GENERATE_ONLY.includes(n))).toEqual([]);
		expect(await editor.optionChoices('wait')).toEqual(['Wait for Completion', "Don't Wait"]);
		expect(await editor.addableOptions()).toEqual(['Max Concurrent Tasks']);
		expect(await editor.parameterLabel('taskId')).toMatch(/^Task ID/);
		await editor.selectOption('lookupBy', 'External Task ID');
		expect(await editor.parameterLabel('taskId')).toMatch(/^External Task ID/);
		await editor.closeNode();
	});

	it('shows Kling 4.0 keyframes: Add Keyframe between the image and the end frame, 3 to 30 s, no callback options', async () => {
		await editor.openWorkflow('klingExampleKling4KeyframesPanel');
		const canvasNode = editor.page.locator('[data-test-id=canvas-node]', {
			hasText: 'Kling Image to Video',
		});
		expect(await canvasNode.first().innerText()).toContain('Generate with Kling 4.0');
		await editor.openNode('Kling Image to Video');
		expect(await editor.parameterNames()).toEqual(
			expect.arrayContaining(['image', 'prompt', 'endFrame', 'duration', 'mode']),
		);
		// The keyframe list (a fixed collection) shows as its entries and its Add Keyframe button.
		const addKeyframe = editor.page.getByRole('button', { name: 'Add Keyframe' });
		await addKeyframe.first().waitFor();
		await editor.page.getByText('Middle Keyframes').first().waitFor();
		const choices = (name: string) => expect.poll(() => editor.optionChoices(name), POLL);
		await choices('duration').toEqual(Array.from({ length: 28 }, (_, i) => String(i + 3)));
		await choices('mode').toEqual(['Standard (720p)', 'Professional (1080p)']);
		const addable = await editor.addableOptions();
		expect(addable).not.toContain('Callback URL');
		expect(addable).not.toContain('External Task ID');
		expect(addable).not.toContain('Sound');
		await addKeyframe.first().scrollIntoViewIfNeeded();
		await editor.shot('panel-image-to-video-kling-4-keyframes');
		await editor.selectOption('model', 'Kling 4.0 Flash (API Key Only)');
		await expect.poll(() => addKeyframe.count(), POLL).toBe(0);
		await choices('duration').toEqual(Array.from({ length: 18 }, (_, i) => String(i + 3)));
		await editor.closeNode();
	});

	it('shows the Text to Video panel with its storyboard: shots with prompt and seconds, and the Multi-Shot choices', async () => {
		await editor.openWorkflow('klingExampleT2VStoryboardPanel');
		const canvasNode = editor.page.locator('[data-test-id=canvas-node]', {
			hasText: 'Kling Text to Video',
		});
		expect(await canvasNode.first().innerText()).toContain('Generate with Kling 3.0');
		await editor.openNode('Kling Text to Video');
		expect(await editor.parameterNames()).toEqual(
			expect.arrayContaining(['operation', 'model', 'prompt', 'wait', 'multiShot', 'sound']),
		);
		await editor.page.getByRole('button', { name: 'Add Shot' }).first().waitFor();
		await editor.page.getByText('Seconds').first().waitFor();
		await editor.page.getByRole('button', { name: 'Add Shot' }).first().scrollIntoViewIfNeeded();
		await editor.shot('panel-text-to-video');
		expect(await editor.optionChoices('multiShot')).toEqual([
			'Storyboard (Shots Below)',
			'Intelligent',
			'Single Shot',
		]);
		expect(await editor.addableOptions()).toEqual(
			expect.arrayContaining(['Duration (Seconds)', 'Negative Prompt', 'Elements']),
		);
		await editor.selectOption('operation', 'Get Task');
		const getTask = await editor.parameterNames();
		expect(getTask.filter((n) => GENERATE_ONLY.includes(n))).toEqual([]);
		expect(await editor.addableOptions()).toEqual(['Max Concurrent Tasks']);
		await editor.closeNode();
	});

	it('says a storyboard without shots needs shots when the step runs, not that its duration is 0', async () => {
		const creates = emulator.snapshot().creates;
		await editor.openWorkflow('klingEmptyStoryboard');
		await editor.openNode('Kling Text to Video');
		await editor.page.locator('[data-test-id=node-execute-button]').click();
		const output = editor.page.locator('[data-test-id=output-panel]');
		await output
			.getByText(/a storyboard needs at least one shot/)
			.first()
			.waitFor(POLL);
		await editor.shot('error-storyboard-without-shots');
		expect(await output.innerText()).not.toMatch(/takes 3 to 15 seconds, not 0/);
		expect(emulator.snapshot().creates).toBe(creates);
		await editor.closeNode();
	});

	it.each([
		['klingExampleM2VPanel', 'Kling Multi-Image to Video', 'panel-multi-image-to-video'],
		['klingExampleM2IPanel', 'Kling Multi-Image to Image', 'panel-multi-image-to-image'],
	])(
		'renders %s with its image list and a Get Task panel without Generate-only options',
		async (id, node, shot) => {
			await editor.openWorkflow(id);
			await editor.openNode(node);
			expect(await editor.parameterNames()).toEqual(
				expect.arrayContaining(['operation', 'model', 'prompt', 'wait']),
			);
			await editor.page.getByRole('button', { name: 'Add Image' }).first().waitFor();
			await editor.shot(shot);
			await editor.selectOption('operation', 'Get Task');
			const getTask = await editor.parameterNames();
			expect(
				getTask.filter((n) =>
					[...GENERATE_ONLY, 'images', 'subjectImages', 'aspectRatio'].includes(n),
				),
			).toEqual([]);
			expect(await editor.addableOptions()).toEqual(['Max Concurrent Tasks']);
			await editor.closeNode();
		},
	);

	it.each([
		['klingExampleI2V', 'Kling Image to Video', 'video', 'output-image-to-video'],
		['klingExampleM2I', 'Kling Multi-Image to Image', 'img', 'output-multi-image-to-image'],
	])(
		'runs %s from the editor; the output shows succeeded and a binary that previews',
		async (id, node, element, shot) => {
			await editor.openWorkflow(id);
			await editor.page.locator('[data-test-id=execute-workflow-button]').click();
			const kling = editor.page.locator('[data-test-id=canvas-node]', { hasText: node });
			await kling
				.locator('[data-test-id=canvas-node-status-success]')
				.waitFor({ timeout: 90_000 })
				.catch(async (error: Error) => {
					await editor.shot(`${shot}-failed`);
					throw error;
				});
			await editor.openNode(node);
			const output = editor.page.locator('[data-test-id=output-panel]');
			await output.locator('[data-test-id=radio-button-json]').click();
			await output.getByText('"succeeded"').first().waitFor();
			await output.getByText(/Kling: \d+ tasks? \(\d+ succeeded\)/).waitFor();
			await output.locator('[data-test-id=radio-button-binary]').click();
			await output.locator('[data-test-id=ndv-view-binary-data]').first().click();
			const preview = editor.page.locator(`${element}[src], ${element} source[src]`).first();
			await preview.waitFor({ state: 'attached' });
			await editor.shot(shot);
			if (element === 'video') {
				const playable = await editor.page
					.locator('video')
					.first()
					.evaluate(
						(v: { readyState: number; addEventListener(e: string, f: () => void): void }) =>
							new Promise<boolean>((resolve) => {
								if (v.readyState >= 1) return resolve(true);
								v.addEventListener('loadedmetadata', () => resolve(true));
								v.addEventListener('error', () => resolve(false));
								setTimeout(() => resolve(v.readyState >= 1), 10_000);
							}),
					);
				expect(playable).toBe(true);
			} else {
				const loaded = await preview.evaluate(
					(img: { complete: boolean; naturalWidth: number }) =>
						img.complete && img.naturalWidth > 0,
				);
				expect(loaded).toBe(true);
			}
			await editor.page.keyboard.press('Escape');
			await editor.page.goto(`${editor.baseUrl}/home/workflows`);
		},
	);

	it("tests the credential against the emulator, and shows Kling's code and meaning for a wrong key", async () => {
		await editor.page.goto(`${editor.baseUrl}/home/credentials/${EMULATOR_CREDENTIAL_ID}`);
		const modal = editor.page.locator('[data-test-id=editCredential-modal]');
		await modal.getByText('Connection tested successfully').waitFor({ timeout: 30_000 });
		await editor.shot('credential-ok');

		await modal.locator('[data-test-id=parameter-input-apiKey] input').fill('not-the-key');
		await modal.locator('[data-test-id=credential-save-button]').click();
		// n8n folds the test's message under "More details".
		await modal.getByText('More details').click({ timeout: 30_000 });
		const failure = modal.getByText(/1002: authorization is invalid/);
		await failure.waitFor({ timeout: 30_000 });
		await editor.shot('credential-wrong-key');
		await modal.locator('[data-test-id=parameter-input-apiKey] input').fill('emulator-api-key');
		await modal.locator('[data-test-id=credential-save-button]').click();
		await modal.getByText('Connection tested successfully').waitFor({ timeout: 30_000 });
	});

	it('shows the trigger panel with how to test it', async () => {
		const ndv = await editor.addTrigger('Kling Trigger');
		const text = await ndv.innerText();
		await editor.shot('panel-trigger');
		expect(text).toContain('To test:');
		expect(text).toContain('Test URL');
		await editor.page.keyboard.press('Escape');
	});

	it('shows the polling trigger panel with its Poll Times and what it reads', async () => {
		const ndv = await editor.addTrigger('Kling Polling Trigger');
		await ndv.getByText('Poll Times').first().waitFor(POLL);
		const text = await ndv.innerText();
		await editor.shot('panel-polling-trigger');
		expect(text).toContain("Reads the account's task list");
		// n8n's Poll Times shows its Mode; then the package's own parameters.
		expect(await editor.parameterNames()).toEqual(
			expect.arrayContaining(['mode', 'statuses', 'taskTypes']),
		);
		expect(text).toContain('Fetch Test Event');
		expect(text).not.toContain('Test URL');
		await editor.page.keyboard.press('Escape');
	});

	it('logs no error from the package in the browser console', () => {
		const ours = editor.console.filter((line) => /kling/i.test(line));
		expect(ours).toEqual([]);
	});
});

/** The storyboard example with its shots removed: what a user gets after deleting them. */
function emptyStoryboard(examples: ReturnType<typeof loadExample>[]) {
	const source = examples.find((w) => w.id === 'klingExampleT2VStoryboard');
	if (!source) throw new Error('the storyboard example is missing');
	const copy = structuredClone(source);
	const kling = copy.nodes.find((n) => n.name === 'Kling Text to Video')!;
	const options = (kling.parameters as { options: Record<string, unknown> }).options;
	delete options.shots;
	return { ...copy, id: 'klingEmptyStoryboard', name: 'Storyboard without shots' };
}
