import {
	NodeHelpers,
	type INode,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KlingApi } from '../../../credentials/KlingApi.credentials.ts';
import { PRODUCTS } from '../../../nodes/shared/products/registry.ts';
import { KlingImage2Video } from '../../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingMultiImage2Image } from '../../../nodes/KlingMultiImage2Image/KlingMultiImage2Image.node.ts';
import { KlingMultiImage2Video } from '../../../nodes/KlingMultiImage2Video/KlingMultiImage2Video.node.ts';

const NODES: Array<[string, INodeTypeDescription]> = [
	['image2video', new KlingImage2Video().description],
	['multiImage2video', new KlingMultiImage2Video().description],
	['multiImage2image', new KlingMultiImage2Image().description],
];

/** Options every operation may use; everything else in Options only applies when generating. */
const SHARED_OPTIONS = ['maxConcurrency'];

const byName = (d: INodeTypeDescription, name: string) =>
	d.properties.filter((p) => p.name === name);
const shownFor = (p: INodeProperties, key: string) => p.displayOptions?.show?.[key];

describe.each(NODES)('%s node description', (_product, description) => {
	const options = byName(description, 'options')[0];

	it('offers Generate-only options only when generating', () => {
		const generateOnly = (options.options as INodeProperties[]).filter(
			(o) => !SHARED_OPTIONS.includes(o.name),
		);
		expect(generateOnly.length).toBeGreaterThan(3);
		for (const option of generateOnly)
			expect(shownFor(option, '/operation'), option.name).toEqual(['generate']);
	});

	it('hides Callback URL while the node waits for the callback itself', () => {
		const callback = (options.options as INodeProperties[]).find((o) => o.name === 'callbackUrl')!;
		expect(callback.displayOptions?.hide?.['/wait']).toEqual(['callback']);
	});

	it('does not offer "Until Kling Calls Back" for Get Task', () => {
		const waits = byName(description, 'wait');
		const forGetTask = waits.find((w) => shownFor(w, 'operation')?.includes('getTask'))!;
		const forGenerate = waits.find((w) => shownFor(w, 'operation')?.includes('generate'))!;
		expect(forGetTask.options?.map((o) => (o as { value: string }).value)).toEqual([
			'poll',
			'none',
		]);
		expect(forGenerate.options?.map((o) => (o as { value: string }).value)).toEqual([
			'poll',
			'callback',
			'none',
		]);
	});

	it('labels the ID field after Look Up By', () => {
		const labels = byName(description, 'taskId').map((p) => [
			shownFor(p, 'lookupBy'),
			p.displayName,
		]);
		expect(labels).toEqual([
			[['taskId'], 'Task ID'],
			[['externalTaskId'], 'External Task ID'],
		]);
	});

	it('has a tool variant of every required input that an agent fills itself', () => {
		const tool = description.properties.filter((p) => shownFor(p, '@tool')?.includes(true));
		expect(tool.map((p) => p.name)).toContain('prompt');
		// Download Result and the tool's own Description are set, not filled by the agent.
		for (const p of tool.filter((t) => !['downloadResult', 'toolDescription'].includes(t.name))) {
			const value = JSON.stringify(p.default);
			expect(value, p.name).toContain('$fromAI(');
		}
		expect(JSON.stringify(tool.find((p) => p.name === 'prompt')?.default)).toMatch(
			/Example: (?!e\.g\.)/,
		);
		// An agent uses the result URL: as a tool, the files are not downloaded unless asked for.
		const download = byName(description, 'downloadResult');
		expect(download.map((p) => [Boolean(shownFor(p, '@tool')), p.default])).toEqual([
			[false, true],
			[true, false],
		]);
		expect(JSON.stringify(description.usableAsTool)).toMatch(/minutes?.*URL/);
	});

	it("shows the model's display name in the subtitle", () => {
		const subtitle = description.subtitle!;
		const models = byName(description, 'model')[0].options as Array<{
			name: string;
			value: string;
		}>;
		expect(models.length).toBeGreaterThan(1);
		for (const model of models) {
			expect(subtitle).toContain(`"${model.value}":"${model.name}"`);
		}
		expect(subtitle).toContain('|| $parameter["model"]');
	});

	it('tells, under every image field, what it takes', () => {
		const text = JSON.stringify(description.properties);
		const hints = text.match(/"hint":"A binary field name[^"]*≤ 10 MB/g) ?? [];
		expect(hints.length).toBeGreaterThanOrEqual(1);
	});
});

describe('the description an AI agent’s model receives, as n8n reads it at run time', () => {
	/**
	 * n8n's run time: the tool variant of the node type (its name ends in Tool, its one-line
	 * description unchanged), a node the editor saved with no parameter set, its defaults filled in
	 * as n8n's Workflow does, then the description n8n hands the model.
	 */
	function runTimeDescription(properties: INodeProperties[]): string {
		const description = {
			name: 'klingSomethingTool',
			description: 'Turn an image into a video with Kling AI',
			defaults: { name: 'Kling Something' },
			properties,
		} as unknown as INodeTypeDescription;
		const node = { name: 'Tool', type: 'x.klingSomethingTool', typeVersion: 1, parameters: {} };
		node.parameters = NodeHelpers.getNodeParameters(
			properties,
			{},
			true,
			false,
			node as INode,
			description,
		)!;
		return NodeHelpers.getToolDescriptionForNode(node as INode, { description } as never);
	}

	it.each(PRODUCTS.map((p) => [p.id, p] as const))(
		'%s: the tool text, not the node’s one line',
		(_id, product) => {
			expect(runTimeDescription(product.properties)).toBe(product.toolDescription);
			expect(product.toolDescription).toMatch(/[Rr]eturns /);
		},
	);

	it('would be the one line without the tool’s own Description parameter', () => {
		const without = PRODUCTS[0].properties.filter((p) => p.name !== 'toolDescription');
		expect(runTimeDescription(without)).not.toBe(PRODUCTS[0].toolDescription);
	});
});

describe('the model list', () => {
	const t2v = PRODUCTS.find((p) => p.id === 'text2video')!;
	const choices = t2v.properties.find((p) => p.name === 'model')!.options as Array<{
		name: string;
		description: string;
	}>;

	it('is newest first, and says what each model takes: seconds, resolutions, sound', () => {
		expect(choices.map((c) => c.name)).toEqual([
			'Kling 4.0 (API Key Only)',
			'Kling 4.0 Flash (API Key Only)',
			'Kling 3.0 Turbo (API Key Only)',
			'Kling 3.0',
			'Kling 3.0 Omni',
			'Kling 2.6',
			'Kling 2.5 Turbo',
		]);
		const of = (name: string) => choices.find((c) => c.name === name)!.description;
		expect(of('Kling 3.0')).toBe('3 to 15 s · 720p, 1080p, 4K · sound on request');
		expect(of('Kling 2.6')).toBe('5 or 10 s · 720p, 1080p · sound at 1080p');
		expect(of('Kling 2.5 Turbo')).toBe('5 or 10 s · 720p, 1080p · no sound of its own');
		expect(of('Kling 4.0 (API Key Only)')).toMatch(
			/^3 to 30 s · 720p, 1080p · always with sound\./,
		);
		expect(of('Kling 4.0 Flash (API Key Only)')).toMatch(/^3 to 20 s · 720p · always with sound\./);
		expect(of('Kling 3.0 Turbo (API Key Only)')).toMatch(
			/^3 to 15 s · 720p, 1080p · always with sound\. Served only on Kling's new API standard/,
		);
	});
});

describe('options that follow the chosen model, as n8n shows them', () => {
	/** The Options collection's choices n8n offers for these parameters (n8n-workflow's display rules). */
	function offered(productId: string, parameters: Record<string, unknown>) {
		const product = PRODUCTS.find((p) => p.id === productId)!;
		const collection = product.properties.find((p) => p.name === 'options')!;
		const values = { parameters: { operation: 'generate', options: {}, ...parameters } };
		const visible = (collection.options as INodeProperties[]).filter((option) =>
			NodeHelpers.displayParameterPath(values, option, 'parameters.options', null, {
				name: 'x',
			} as INodeTypeDescription),
		);
		const choices = (name: string) =>
			visible
				.filter((o) => o.name === name)
				.map((o) => (o.options as Array<{ value: string }> | undefined)?.map((c) => c.value));
		return { names: visible.map((o) => o.name), choices };
	}
	const THREE_TO_15 = Array.from({ length: 13 }, (_, i) => String(i + 3));

	it('Duration: 5 or 10 s on Kling 2.6, 3 to 15 s on Kling 3.0, 3 to 10 s on O1', () => {
		expect(offered('text2video', { model: 'kling-v2-6' }).choices('duration')).toEqual([
			['5', '10'],
		]);
		expect(offered('text2video', { model: 'kling-v3' }).choices('duration')).toEqual([THREE_TO_15]);
		expect(offered('multiImage2video', { model: 'kling-video-o1' }).choices('duration')).toEqual([
			['3', '4', '5', '6', '7', '8', '9', '10'],
		]);
	});

	it('Mode offers 4K and Sound shows only where the model has them', () => {
		expect(offered('image2video', { model: 'kling-v3' }).choices('mode')).toEqual([
			['std', 'pro', '4k'],
		]);
		expect(offered('image2video', { model: 'kling-v2-6' }).choices('mode')).toEqual([
			['std', 'pro'],
		]);
		expect(offered('image2video', { model: 'kling-v3' }).names).toContain('sound');
		expect(offered('image2video', { model: 'kling-v2-5-turbo' }).names).not.toContain('sound');
		expect(offered('image2video', { model: 'kling-3.0-turbo' }).names).not.toContain('sound');
	});

	it('Kling 4.0: 3 to 30 s (Flash 20), 21:9, middle keyframes, no callback URL or external ID', () => {
		const SECONDS = (to: number) => Array.from({ length: to - 2 }, (_, i) => String(i + 3));
		const full = offered('image2video', { model: 'kling-4.0' });
		expect(full.choices('duration')).toEqual([SECONDS(30)]);
		expect(full.choices('mode')).toEqual([['std', 'pro']]);
		expect(full.names).toContain('middleFrames');
		expect(full.names).not.toContain('callbackUrl');
		expect(full.names).not.toContain('externalTaskId');
		expect(full.names).not.toContain('sound');
		const flash = offered('image2video', { model: 'kling-4.0-flash' });
		expect(flash.choices('duration')).toEqual([SECONDS(20)]);
		expect(flash.choices('mode')).toEqual([['std']]);
		expect(flash.names).not.toContain('middleFrames');
		expect(offered('image2video', { model: 'kling-v3' }).names).not.toContain('middleFrames');
		expect(offered('image2video', { model: 'kling-v3' }).names).toContain('externalTaskId');
		expect(offered('text2video', { model: 'kling-4.0' }).choices('aspectRatio')).toEqual([
			['16:9', '9:16', '1:1', '21:9', '4:3', '3:4'],
		]);
		expect(offered('text2video', { model: 'kling-v3' }).choices('aspectRatio')).toEqual([
			['16:9', '9:16', '1:1'],
		]);
		expect(offered('multiImage2video', { model: 'kling-4.0' }).choices('aspectRatio')).toEqual([
			['16:9', '9:16', '1:1', '21:9', '4:3', '3:4'],
		]);
		expect(offered('multiImage2video', { model: 'kling-v3-omni' }).choices('aspectRatio')).toEqual([
			['16:9', '9:16', '1:1'],
		]);
		const r2v = offered('multiImage2video', { model: 'kling-4.0' }).names;
		expect(r2v).toEqual(
			expect.arrayContaining(['referenceVideo', 'moreReferenceVideos', 'voices']),
		);
		const omni = offered('multiImage2video', { model: 'kling-v3-omni' }).names;
		expect(omni).toContain('referenceVideo');
		expect(omni).not.toContain('moreReferenceVideos');
		expect(omni).not.toContain('voices');
		const image4 = offered('multiImage2image', { model: 'kling-image-4.0' }).names;
		expect(image4).not.toContain('callbackUrl');
		expect(image4).not.toContain('externalTaskId');
		expect(offered('multiImage2image', { model: 'kling-v3-omni' }).names).toContain(
			'externalTaskId',
		);
	});

	it('a model set by expression gets every choice; Get Task none of them', () => {
		const typed = offered('text2video', { model: '={{ $json.model }}' });
		expect(typed.choices('duration').flat()).toEqual(expect.arrayContaining(THREE_TO_15));
		expect(typed.names).toContain('sound');
		const getTask = offered('text2video', { operation: 'getTask', model: '={{ $json.model }}' });
		expect(getTask.names).toEqual(['maxConcurrency']);
	});
});

describe('what an agent fills as a tool', () => {
	it.each(PRODUCTS.map((p) => [p.id, p] as const))(
		'%s: every input a workflow gives has a variant the model fills; image lists take several URLs',
		(_id, product) => {
			const variants = (name: string) => product.properties.filter((p) => p.name === name);
			// Download Result is set, not filled: a tool leaves the files out unless asked.
			const inWorkflow = product.properties.filter(
				(p) => p.displayOptions?.hide?.['@tool'] && p.name !== 'downloadResult',
			);
			expect(inWorkflow.length).toBeGreaterThan(0);
			for (const input of inWorkflow) {
				const tool = variants(input.name).find((p) => shownFor(p, '@tool'));
				expect(JSON.stringify(tool?.default), input.name).toContain('$fromAI(');
				if (input.type === 'fixedCollection')
					expect(JSON.stringify(tool?.default), input.name).toMatch(
						/URLs of \d to \d .*separated by commas/,
					);
			}
		},
	);
});

describe('parameters shared by the generation nodes', () => {
	/** name → every (type, default) the nodes give it; a shared meaning must look the same everywhere. */
	function signatures(): Map<string, Set<string>> {
		const seen = new Map<string, Set<string>>();
		const visit = (props: INodeProperties[]) => {
			for (const p of props) {
				// Tool variants and the wait timeouts differ on purpose (an agent fills them; images finish sooner).
				if (shownFor(p, '@tool') || ['waitTimeout', 'pollInterval'].includes(p.name)) continue;
				const key = JSON.stringify([p.type, p.name === 'model' ? null : p.default]);
				seen.set(p.name, (seen.get(p.name) ?? new Set()).add(key));
				if (p.type === 'collection') visit(p.options as INodeProperties[]);
			}
		};
		for (const [, d] of NODES) visit(d.properties);
		return seen;
	}

	it('have the same type and default in every node', () => {
		const differing = [...signatures()].filter(
			([name, s]) => s.size > 1 && !['images', 'subjectImages'].includes(name),
		);
		expect(differing).toEqual([]);
	});
});

describe('Kling API credential', () => {
	const credential = new KlingApi();

	it("reads the test's answer unthrown, so a failure names Kling's code and meaning", () => {
		expect(credential.test.request.ignoreHttpStatusErrors).toBe(true);
		const rules = credential.test.rules as Array<{
			properties: { value: unknown; message: string };
		}>;
		const auth = rules.find((r) => r.properties.value === 1002)!;
		expect(auth.properties.message).toMatch(/^1002: authorization is invalid — /);
		const notKling = rules.find((r) => r.properties.value === undefined)!;
		expect(notKling.properties.message).toMatch(/not like a Kling API/);
	});

	it('links every key field to where the key is found', () => {
		for (const name of ['apiKey', 'accessKey', 'secretKey']) {
			const field = credential.properties.find((p) => p.name === name)!;
			expect(field.description, name).toMatch(/<a href="https:\/\//);
		}
	});
});
