import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { KlingEmulator } from '../../emulator/server.mts';
import { PRODUCTS } from '../../nodes/shared/products/registry.ts';
import {
	N8nInstance,
	emulatorCredential,
	EMULATOR_CREDENTIAL_ID,
	type WorkflowJson,
} from '../support/n8n.mts';
import { OpenAiMock, type Argue, type ChatRequest } from '../support/openaiMock.mts';
import { trigger } from '../support/workflows.mts';

/**
 * The package's tools inside n8n's own AI Agent, with an OpenAI Chat Model whose Base URL points
 * at a local OpenAI-compatible mock: what the model is told, what it gets back, and what it costs.
 */
const OPENAI_CREDENTIAL = 'openAiMockCred1';

function agentWorkflow(id: string, toolType: string, toolName: string): WorkflowJson {
	return {
		id,
		name: id,
		nodes: [
			trigger,
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 2.2,
				position: [300, 0],
				parameters: { promptType: 'define', text: 'Make what the tool makes.', options: {} },
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [300, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-test' }, options: {} },
				credentials: { openAiApi: { id: OPENAI_CREDENTIAL, name: 'OpenAI (mock)' } },
			},
			{
				id: 'tool',
				name: toolName,
				type: `n8n-nodes-kling.${toolType}`,
				typeVersion: 1,
				position: [500, 200],
				// As the editor saves a tool the user did not change: n8n fills in the defaults.
				parameters: { pollInterval: 1 },
				credentials: { klingApi: { id: EMULATOR_CREDENTIAL_ID, name: 'Kling API (emulator)' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[toolName]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

describe("the package's tools in n8n's AI Agent", () => {
	const emulator = new KlingEmulator({ videoTaskMs: 1200, imageTaskMs: 800, submittedMs: 100 });
	const mock = new OpenAiMock();
	let n8n: N8nInstance;
	let photo = (_n: number) => '';

	/** The model fills every argument the schema asks for: URLs, a prompt, a name. */
	const fill: Argue = (tool) =>
		Object.fromEntries(
			Object.keys(tool.function.parameters.properties ?? {}).map((key) => [
				key,
				key.endsWith('Urls')
					? `${photo(1)}, ${photo(2)}`
					: key.endsWith('Url')
						? photo(1)
						: key === 'prompt'
							? 'A red boat crosses a calm sea'
							: 'Captain',
			]),
		);

	/** Runs one agent workflow; returns the model's first request and what the tool answered it. */
	async function run(id: string, argue: Argue) {
		mock.argue = argue;
		mock.requests.length = 0;
		emulator.reset();
		const result = await n8n.execute(id);
		const first: ChatRequest = mock.requests[0];
		return { result, first, answer: mock.toolAnswers()[0] ?? '', stats: emulator.snapshot() };
	}

	beforeAll(async () => {
		const url = await emulator.start();
		photo = (n) => `${url}/samples/photo-${n}.png`;
		const openAi = await mock.start();
		n8n = await N8nInstance.create('agent');
		await n8n.importCredentials([
			emulatorCredential(url),
			{
				id: OPENAI_CREDENTIAL,
				name: 'OpenAI (mock)',
				type: 'openAiApi',
				data: { apiKey: 'sk-mock', url: openAi },
			},
		]);
		await n8n.importWorkflows([
			agentWorkflow('agentI2V', 'klingImage2VideoTool', 'Kling Image to Video'),
			agentWorkflow('agentM2I', 'klingMultiImage2ImageTool', 'Kling Multi-Image to Image'),
			agentWorkflow('agentT2V', 'klingText2VideoTool', 'Kling Text to Video'),
		]);
	}, 600_000);

	afterAll(async () => {
		await n8n?.dispose();
		await mock.stop();
		await emulator.stop();
	});

	const product = (id: string) => PRODUCTS.find((p) => p.id === id)!;

	it.each([
		['agentI2V', 'image2video', ['imageUrl', 'prompt'], 'videos'],
		['agentM2I', 'multiImage2image', ['prompt', 'subjectImagesUrls'], 'images'],
		['agentT2V', 'text2video', ['prompt'], 'videos'],
	] as const)(
		'%s: the model is told the tool text, calls it once, gets the URL and no file',
		async (id, productId, args, field) => {
			const { result, first, answer, stats } = await run(id, fill);
			expect(result.status).toBe('success');
			const [tool] = first.tools!;
			// The text the package writes, not the node's one-line description.
			expect(tool.function.description).toBe(product(productId).toolDescription);
			expect(Object.keys(tool.function.parameters.properties ?? {}).sort()).toEqual([...args]);
			expect(stats.creates).toBe(1);
			const json = JSON.parse(answer) as Array<Record<string, Array<{ url: string }>>>;
			const output = Array.isArray(json) ? json[0] : json;
			expect(output.status).toBe('succeeded');
			expect(output[field][0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
			// No binary reaches the model: the answer is the task's JSON, a few hundred bytes.
			expect(answer).not.toMatch(/[A-Za-z0-9+/]{200,}/);
			expect(answer.length).toBeLessThan(2500);
			console.info(`${id}: the tool answered the model ${answer.length} characters`);
		},
	);

	it('Multi-Image to Image: the model passes two image URLs in one field; both are sent', async () => {
		const { first, stats } = await run('agentM2I', fill);
		const schema = first.tools![0].function.parameters.properties!.subjectImagesUrls;
		expect(schema.description).toMatch(/URLs of 1 to 4 subject images .*separated by commas/);
		expect(stats.creates).toBe(1);
		const body = emulator.taskBody() as { subject_image_list?: unknown[]; image_list?: unknown[] };
		expect((body.subject_image_list ?? body.image_list ?? []).length).toBe(2);
	});

	it('a bad argument comes back to the model as an error it can act on, and costs nothing', async () => {
		const { answer, stats } = await run('agentI2V', (tool) => ({
			...fill(tool),
			imageUrl: 'a red boat',
		}));
		expect(answer).toMatch(
			/Image: must be a public https URL of a JPG or PNG image when this node runs as a tool/,
		);
		expect(stats.createAttempts).toBe(0);
	});
});
