import type {
	IBinaryData,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { KlingTask } from '../api/task';

/** Generation nodes and both triggers download results. */
export type DownloadContext = IExecuteFunctions | IWebhookFunctions | IPollFunctions;

type BodyStream = AsyncIterable<Buffer> & { destroy?: () => void };
type Kind = 'video' | 'image' | 'audio';
type Refuse = (message: string) => NodeOperationError;

export const MAX_DOWNLOAD_BYTES: Record<Kind, number> = {
	video: 500 * 1024 * 1024,
	image: 50 * 1024 * 1024,
	audio: 100 * 1024 * 1024,
};
/** What a file of each kind is taken to be when the CDN does not say. */
const DEFAULT_TYPE: Record<Kind, { mimeType: string; extension: string }> = {
	video: { mimeType: 'video/mp4', extension: 'mp4' },
	image: { mimeType: 'image/png', extension: 'png' },
	audio: { mimeType: 'audio/mpeg', extension: 'mp3' },
};
// The task is paid for by now: try hard before giving its result up.
const DOWNLOAD_ATTEMPTS = 5;
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

const EXTENSIONS: Record<string, string> = {
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
};

function fail(ctx: DownloadContext, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

function checkedUrl(ctx: DownloadContext, itemIndex: number, url: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw fail(
			ctx,
			itemIndex,
			`Kling returned a result URL that is not valid: ${url.slice(0, 200)}`,
		);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw fail(ctx, itemIndex, `Refusing to download a result from a ${parsed.protocol} URL`);
	}
	return parsed;
}

/** The response's media type, refused when it is not the kind of file the task makes. */
function checkedMimeType(refuse: Refuse, response: IN8nHttpFullResponse, kind: Kind): string {
	const contentType = String(response.headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const generic = !contentType || contentType === 'application/octet-stream';
	if (!generic && !contentType.startsWith(`${kind}/`)) {
		throw refuse(
			`The result is ${contentType}, not ${kind === 'audio' ? 'audio' : `a ${kind}`}; refusing to store it`,
		);
	}
	return generic ? DEFAULT_TYPE[kind].mimeType : contentType;
}

function checkDeclaredSize(refuse: Refuse, length: number, kind: Kind): void {
	if (Number.isFinite(length) && length > MAX_DOWNLOAD_BYTES[kind]) {
		throw refuse(
			`The result is ${Math.round(length / 1024 / 1024)} MB, above the ${MAX_DOWNLOAD_BYTES[kind] / 1024 / 1024} MB ceiling`,
		);
	}
}

/** No declared length: count while reading so an endless body cannot exhaust memory. */
async function readCounted(refuse: Refuse, stream: BodyStream, kind: Kind): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of stream) {
		total += (chunk as Buffer).length;
		if (total > MAX_DOWNLOAD_BYTES[kind]) {
			throw refuse(
				`The result is larger than the ${MAX_DOWNLOAD_BYTES[kind] / 1024 / 1024} MB ceiling`,
			);
		}
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** One GET; a string when it is worth trying again (network fault, 429, 5xx). */
async function fetchOnce(
	ctx: DownloadContext,
	url: string,
): Promise<IN8nHttpFullResponse | string> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		return String((error as Error).message ?? error).slice(0, 200);
	}
	if (response.statusCode >= 500 || response.statusCode === 429) {
		(response.body as unknown as BodyStream).destroy?.();
		return `HTTP ${response.statusCode}`;
	}
	return response;
}

/** Stores a good response's body as binary data, streamed when its size is declared. */
async function store(
	ctx: DownloadContext,
	itemIndex: number,
	response: IN8nHttpFullResponse,
	kind: Kind,
	fileBase: string,
): Promise<IBinaryData> {
	const stream = response.body as unknown as BodyStream;
	// Every refusal closes the connection first, so a refused body is never read.
	const refuse: Refuse = (message) => {
		stream.destroy?.();
		return fail(ctx, itemIndex, message);
	};
	if (response.statusCode >= 400) {
		throw refuse(
			`Could not download the result (HTTP ${response.statusCode}); result URLs expire after 30 days`,
		);
	}
	const mimeType = checkedMimeType(refuse, response, kind);
	const length = Number(response.headers['content-length']);
	checkDeclaredSize(refuse, length, kind);
	const fileName = `${fileBase}.${EXTENSIONS[mimeType] ?? DEFAULT_TYPE[kind].extension}`;
	const body = Number.isFinite(length)
		? (response.body as Buffer)
		: await readCounted(refuse, stream, kind);
	return await ctx.helpers.prepareBinaryData(body, fileName, mimeType);
}

/**
 * Fetches one result file. Result URLs point at Kling's CDN, not its API: they are fetched without
 * credentials (so no key leaves for another host), only over http(s), under a size ceiling and
 * with a content-type check. The body is streamed into n8n's binary store, not buffered twice.
 */
export async function downloadFile(
	ctx: DownloadContext,
	itemIndex: number,
	url: string,
	kind: Kind,
	fileBase: string,
): Promise<IBinaryData> {
	checkedUrl(ctx, itemIndex, url);
	let lastError = '';
	for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
		if ((ctx as Partial<IExecuteFunctions>).getExecutionCancelSignal?.()?.aborted)
			throw fail(ctx, itemIndex, 'The execution was cancelled');
		const response = await fetchOnce(ctx, url);
		if (typeof response !== 'string') return await store(ctx, itemIndex, response, kind, fileBase);
		lastError = response;
		await sleep(500 * 2 ** (attempt - 1));
	}
	throw fail(
		ctx,
		itemIndex,
		`Could not download the result after ${DOWNLOAD_ATTEMPTS} attempts (${lastError})`,
	);
}

/** Downloads every video, image or sound of a finished task into `<field>`, `<field>_1`, … */
export async function downloadTaskResults(
	ctx: DownloadContext,
	itemIndex: number,
	task: KlingTask,
	field: string,
): Promise<Record<string, IBinaryData>> {
	const binary: Record<string, IBinaryData> = {};
	const files = [
		...task.videos.map((v) => ({ ...v, kind: 'video' as const })),
		...task.images.map((v) => ({ ...v, kind: 'image' as const })),
		...task.audios.map((a) => ({ ...a, watermarkUrl: null, kind: 'audio' as const })),
	];
	for (const [n, file] of files.entries()) {
		const key = n === 0 ? field : `${field}_${n}`;
		const base = files.length === 1 ? `kling-${task.taskId}` : `kling-${task.taskId}-${n}`;
		binary[key] = await downloadFile(ctx, itemIndex, file.url, file.kind, base);
		// A sound comes as MP3 and WAV: the WAV too, beside it.
		if (file.kind === 'audio' && file.wavUrl && file.wavUrl !== file.url) {
			binary[`${key}_wav`] = await downloadFile(
				ctx,
				itemIndex,
				file.wavUrl,
				'audio',
				`${base}-wav`,
			);
		}
		// With Watermark on, the watermarked copy too, in a field of its own.
		if (file.watermarkUrl) {
			binary[`${key}_watermarked`] = await downloadFile(
				ctx,
				itemIndex,
				file.watermarkUrl,
				file.kind,
				`${base}-watermarked`,
			);
		}
	}
	return binary;
}
