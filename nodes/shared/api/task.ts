import type { IDataObject } from 'n8n-workflow';

export type TaskStatus = 'submitted' | 'processing' | 'succeeded' | 'failed';

export interface KlingVideo {
	id: string;
	url: string;
	/** With Watermark on: the watermarked copy (docs/reference/kling-api.md#task-object). */
	watermarkUrl: string | null;
	duration: string | null;
}

export interface KlingImage {
	index: number;
	url: string;
	watermarkUrl: string | null;
}

/**
 * A result sound. Kling spells its fields three ways (docs/reference/kling-api.md#task-object):
 * `url_mp3`/`url_wav` (legacy text to audio, video to audio), `url` (text to speech) and
 * `mp3_url`/`wav_url` (the new standard); all are read. `url` is the MP3 where there is one.
 */
export interface KlingAudio {
	/** What lip-sync and avatar take as `audio_id`. */
	id: string;
	url: string;
	mp3Url: string | null;
	wavUrl: string | null;
	/** Seconds, as Kling gives it. */
	duration: string | null;
}

/** A character or object made once and used in many generations (docs/reference/kling-api.md#elements-and-voices). */
export interface KlingElement {
	/** A long above 2^53: kept as its digits (api/exchange.ts reads it so). */
	elementId: string;
	name: string | null;
	description: string | null;
	/** image_refer (multi-image) or video_refer (video character); new standard: element_type. */
	referenceType: string | null;
	ownedBy: string | null;
	status: string | null;
	voiceId: string | null;
}

/** A custom or preset voice (docs/reference/kling-api.md#elements-and-voices), for 2.6 videos and elements. */
export interface KlingVoice {
	voiceId: string;
	name: string | null;
	/** A short sample of the voice. */
	trialUrl: string | null;
	ownedBy: string | null;
}

/** One task in the shape every node, the trigger and the waiter share. */
export interface KlingTask {
	taskId: string;
	externalTaskId: string | null;
	status: TaskStatus;
	statusMessage: string | null;
	videos: KlingVideo[];
	images: KlingImage[];
	audios: KlingAudio[];
	elements: KlingElement[];
	voices: KlingVoice[];
	unitsDeducted: string | null;
	/** Money taken where the account pays from a balance: legacy `{quota, list_price}`, new `billing` cash. */
	finalBalanceDeduction: IDataObject | null;
	createdAt: number | null;
	updatedAt: number | null;
}

export function isFinal(status: TaskStatus): boolean {
	return status === 'succeeded' || status === 'failed';
}

function str(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	return String(value);
}

function num(value: unknown): number | null {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function normalizeStatus(value: unknown): TaskStatus | undefined {
	switch (String(value ?? '').toLowerCase()) {
		case 'submitted':
		case 'queued':
		case 'pending':
			return 'submitted';
		case 'processing':
		case 'running':
			return 'processing';
		case 'succeed':
		case 'succeeded':
		case 'success':
			return 'succeeded';
		case 'failed':
		case 'fail':
		case 'failure':
			return 'failed';
		default:
			return undefined;
	}
}

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** Legacy `task_result.elements[]`, new-standard `outputs[type=element]`, or bare element objects. */
export function elementsOf(list: unknown): KlingElement[] {
	return (Array.isArray(list) ? (list as IDataObject[]) : [])
		.filter((e) => e.element_id !== undefined || (e.type === 'element' && e.id !== undefined))
		.map((e) => ({
			elementId: String(e.element_id ?? e.id),
			name: str(e.element_name ?? e.name),
			description: str(e.element_description ?? e.description),
			referenceType: str(e.reference_type ?? e.element_type),
			ownedBy: str(e.owned_by),
			// Legacy elements say `succeed`, as legacy tasks do; the package says `succeeded` for both.
			status: e.status === 'succeed' ? 'succeeded' : str(e.status),
			voiceId: str(asObject(e.element_voice_info).voice_id),
		}));
}

/** Legacy `task_result.voices`, or the bare voice objects of a list. */
export function voicesOf(list: unknown): KlingVoice[] {
	return (Array.isArray(list) ? (list as IDataObject[]) : [])
		.filter((v) => v.voice_id !== undefined)
		.map((v) => ({
			voiceId: String(v.voice_id),
			name: str(v.voice_name),
			trialUrl: str(v.trial_url),
			ownedBy: str(v.owned_by),
		}));
}

/** Result videos, from legacy `task_result.videos` or new-standard `outputs` (type video). */
function videosOf(list: IDataObject[]): KlingVideo[] {
	return list
		.filter((v) => typeof v.url === 'string')
		.map((v) => ({
			id: String(v.id ?? ''),
			url: String(v.url),
			watermarkUrl: str(v.watermark_url),
			duration: str(v.duration),
		}));
}

/** Result images; the new standard's image outputs carry no index, so their order is it. */
function imagesOf(list: IDataObject[]): KlingImage[] {
	return list
		.filter((v) => typeof v.url === 'string')
		.map((v, i) => ({
			index: num(v.index) ?? i,
			url: String(v.url),
			watermarkUrl: str(v.watermark_url),
		}));
}

/** Result sounds, in any of Kling's three spellings. */
function audiosOf(list: IDataObject[]): KlingAudio[] {
	return list.flatMap((a) => {
		const mp3Url = str(a.url_mp3 ?? a.mp3_url);
		const wavUrl = str(a.url_wav ?? a.wav_url);
		const url = mp3Url ?? str(a.url) ?? wavUrl;
		if (!url) return [];
		const duration = str(a.duration_mp3 ?? a.mp3_duration ?? a.duration ?? a.duration_wav);
		return [{ id: String(a.id ?? ''), url, mp3Url, wavUrl, duration }];
	});
}

const listOf = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? (value as IDataObject[]) : [];

/** The legacy task object: `task_id`, `task_status`, `task_result`. */
function legacyTask(data: IDataObject): KlingTask | undefined {
	const status = normalizeStatus(data.task_status);
	if (!status) return undefined;
	const result = asObject(data.task_result);
	return {
		taskId: String(data.task_id),
		externalTaskId: str(asObject(data.task_info).external_task_id),
		status,
		statusMessage: str(data.task_status_msg),
		videos: videosOf(listOf(result.videos)),
		images: imagesOf(listOf(result.images)),
		audios: audiosOf(listOf(result.audios)),
		elements: elementsOf(result.elements),
		voices: voicesOf(result.voices),
		unitsDeducted: str(data.final_unit_deduction),
		finalBalanceDeduction:
			data.final_balance_deduction && typeof data.final_balance_deduction === 'object'
				? asObject(data.final_balance_deduction)
				: null,
		createdAt: num(data.created_at),
		updatedAt: num(data.updated_at),
	};
}

/** The new standard's task object (docs/reference/kling-api.md#task-object): `id`, `status`, `outputs`, `billing`. */
function newTask(data: IDataObject): KlingTask | undefined {
	const status = normalizeStatus(data.status);
	if (!status) return undefined;
	const outputs = listOf(data.outputs);
	const units = listOf(data.billing).find((b) => b.charge_type === 'unit');
	const cash = listOf(data.billing).find((b) => b.charge_type === 'cash');
	return {
		taskId: String(data.id ?? data.task_id),
		externalTaskId: str(data.external_id),
		status,
		statusMessage: str(data.message),
		videos: videosOf(outputs.filter((o) => o.type === 'video')),
		images: imagesOf(outputs.filter((o) => o.type === 'image')),
		audios: audiosOf(outputs.filter((o) => o.type === 'audio')),
		elements: elementsOf(outputs),
		voices: [],
		unitsDeducted: units ? str(units.amount) : null,
		finalBalanceDeduction: cash ?? null,
		createdAt: num(data.create_time),
		updatedAt: num(data.update_time),
	};
}

/**
 * Accepts the legacy task object, the new-standard one, and either wrapped in Kling's
 * `{code, data}` envelope. Returns undefined when the object is not a task.
 */
export function normalizeTask(input: unknown): KlingTask | undefined {
	let data = asObject(input);
	if ('data' in data && ('code' in data || 'request_id' in data)) {
		data = asObject(Array.isArray(data.data) ? data.data[0] : data.data);
	}
	if (data.task_id !== undefined && data.status === undefined) return legacyTask(data);
	// The try-on solution answers its create with `task_id` beside the new standard's `status`.
	if ((data.id ?? data.task_id) !== undefined && data.status !== undefined) return newTask(data);
	return undefined;
}
