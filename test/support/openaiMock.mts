/**
 * A local OpenAI-compatible chat model for tests of n8n's AI Agent: on loopback, it logs every
 * request, answers the first turn with a call of the first tool it is offered (arguments built
 * from the tool's JSON schema by `argue`), and the turn after a tool's answer with a final reply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatTool {
	type: 'function';
	function: { name: string; description: string; parameters: JsonSchema };
}
interface JsonSchema {
	type?: string;
	properties?: Record<string, JsonSchema & { description?: string }>;
	required?: string[];
}
export interface ChatRequest {
	model: string;
	messages: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
	tools?: ChatTool[];
}

/** The arguments the model sends for a tool, from the tool's parameter schema. */
export type Argue = (tool: ChatTool) => Record<string, unknown>;

export class OpenAiMock {
	readonly requests: ChatRequest[] = [];
	private server?: http.Server;
	argue: Argue = () => ({});

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		return `http://127.0.0.1:${port}/v1`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	/** What the tools answered the model, in the order they answered. */
	toolAnswers(): string[] {
		return this.requests.flatMap((r) =>
			r.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)),
		);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'GET' && req.url?.endsWith('/models'))
			return send(200, { object: 'list', data: [{ id: 'gpt-test', object: 'model' }] });
		if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions'))
			return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
		const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(request);
		const answered = request.messages.some((m) => m.role === 'tool');
		const tool = request.tools?.[0];
		const message =
			answered || !tool
				? { role: 'assistant', content: 'Done.' }
				: {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: `call_${this.requests.length}`,
								type: 'function',
								function: { name: tool.function.name, arguments: JSON.stringify(this.argue(tool)) },
							},
						],
					};
		send(200, {
			id: `chatcmpl-${this.requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: request.model,
			choices: [
				{ index: 0, message, finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop' },
			],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		});
	}
}
