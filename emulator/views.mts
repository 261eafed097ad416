/**
 * How Kling shows a task: the legacy object (`task_id`, `task_status`, `task_result`) and the new
 * standard's (`id`, `status`, `outputs`, `billing`; docs/reference/kling-api.md#task-object).
 */
import { videoUnits } from './models.mts';
import { endpointByKey } from './rules.mts';
import type { NewTaskFacts } from './newStandard.mts';

export interface ViewedTask {
	id: string;
	endpoint: string;
	facts?: NewTaskFacts;
	externalId?: string;
	body: Record<string, unknown>;
	/** The result's seconds where the create's inputs decided them (an avatar's sound). */
	seconds?: number;
	createdAt: number;
	processingAt: number;
	finishAt: number;
}

export type LegacyStatus = 'submitted' | 'processing' | 'succeed' | 'failed';
const FAILURE = 'Failure to pass the risk control system';

function updatedAt(task: ViewedTask, status: LegacyStatus): number {
	if (status === 'submitted') return task.createdAt;
	return status === 'processing' ? task.processingAt : task.finishAt;
}

const watermarked = (task: ViewedTask) =>
	task.facts?.watermark ?? (task.body.watermark_info as { enabled?: boolean })?.enabled === true;

function imageCount(task: ViewedTask): number {
	return Number(task.body.n ?? 1);
}

function legacyVideoSeconds(task: ViewedTask): number {
	const endpoint = endpointByKey(task.endpoint);
	if (task.seconds !== undefined) return task.seconds;
	return endpoint.seconds ? endpoint.seconds(task.body) : Number(task.body.duration ?? 5);
}

/** `task_result.audios[]` as legacy text to audio and video to audio show it (TTS: `url`). */
function audioResult(task: ViewedTask, base: string) {
	const seconds = String(legacyVideoSeconds(task));
	if (endpointByKey(task.endpoint).answersWithResult)
		return [
			{ id: `audio-${task.id}`, url: `${base}/media/${task.id}/audio.mp3`, duration: seconds },
		];
	return [
		{
			id: `audio-${task.id}`,
			url_mp3: `${base}/media/${task.id}/audio.mp3`,
			url_wav: `${base}/media/${task.id}/audio.wav`,
			duration_mp3: seconds,
			duration_wav: seconds,
		},
	];
}

function legacyUnits(task: ViewedTask): string {
	const endpoint = endpointByKey(task.endpoint);
	if (endpoint.units) return String(endpoint.units(task));
	if (endpoint.result === 'element') return '0';
	if (endpoint.result === 'image') return String(imageCount(task) * endpoint.unitsPerImage!);
	const mode = String(task.body.mode ?? 'std');
	const resolution = mode === 'pro' ? '1080p' : mode === '4k' ? '4k' : '720p';
	const model = String(task.body.model_name ?? '');
	return String(videoUnits(model, resolution, task.body.sound === 'on', legacyVideoSeconds(task)));
}

/** What a finished task took from its resource pack. */
export function unitsOf(task: ViewedTask): { pack: 'video' | 'image'; units: number } {
	const endpoint = endpointByKey(task.endpoint);
	const pack = endpoint.result === 'image' ? 'image' : 'video';
	const f = task.facts;
	if (!f || endpoint.units) return { pack, units: Number(legacyUnits(task)) };
	const units = f.images
		? f.images * endpoint.unitsPerImage!
		: videoUnits(f.model, f.resolution, f.audio, f.duration);
	return { pack, units };
}

/** A finished new-standard task's outputs: its images, or its video. */
function newOutputs(task: ViewedTask, base: string) {
	const facts = task.facts!;
	if (facts.images)
		return Array.from({ length: facts.images }, (_, i) => ({
			type: 'image',
			...media(base, task, `image-${i}.png`, facts.watermark),
		}));
	return [
		{
			type: 'video',
			id: `video-${task.id}`,
			...media(base, task, 'video.mp4', facts.watermark),
			duration: String(facts.duration + 0.041),
		},
	];
}

function media(base: string, task: ViewedTask, name: string, withWatermark: boolean) {
	const url = `${base}/media/${task.id}/${name}`;
	return withWatermark ? { url, watermark_url: url.replace(/\.(\w+)$/, '-wm.$1') } : { url };
}

/** An element's ID: a long above 2^53, kept as digits (the response writes it as an integer). */
export function elementIdOf(task: ViewedTask): string {
	return `82983${task.id.replace(/\D/g, '').slice(-13).padStart(13, '0')}`;
}

/** `task_result.elements[]` of an element task (docs/reference/kling-api.md#elements-and-voices). */
function elementResult(task: ViewedTask, ownedBy = 'account') {
	const b = task.body;
	return {
		elements: [
			{
				element_id: elementIdOf(task),
				element_name: b.element_name,
				element_description: b.element_description,
				reference_type: b.reference_type,
				element_image_list: b.element_image_list ?? {},
				...(b.element_voice_id ? { element_voice_info: { voice_id: b.element_voice_id } } : {}),
				tag_list: b.tag_list ?? [],
				owned_by: ownedBy,
				status: 'succeed',
			},
		],
	};
}

/** `task_result` of a finished legacy task, by what its endpoint makes. */
function legacyResult(task: ViewedTask, base: string) {
	const kind = endpointByKey(task.endpoint).result;
	const wm = watermarked(task);
	const videos = () => [
		{
			id: `video-${task.id}`,
			...media(base, task, 'video.mp4', wm),
			duration: String(legacyVideoSeconds(task) + 0.1),
		},
	];
	switch (kind) {
		case 'element':
			return elementResult(task);
		case 'audio':
			return { audios: audioResult(task, base) };
		case 'voice':
			return {
				voices: [
					{
						voice_id: task.id,
						voice_name: task.body.voice_name,
						trial_url: `${base}/media/${task.id}/audio.mp3`,
						owned_by: 'account',
					},
				],
			};
		case 'video+audio':
			return { videos: videos(), audios: audioResult(task, base) };
		case 'image':
			return {
				images: Array.from({ length: imageCount(task) }, (_, i) => ({
					index: i,
					...media(base, task, `image-${i}.png`, wm),
				})),
			};
		default:
			return { videos: videos() };
	}
}

export function legacyView(task: ViewedTask, status: LegacyStatus, base: string) {
	const result = legacyResult(task, base);
	return {
		task_id: task.id,
		task_status: status,
		task_status_msg: status === 'failed' ? FAILURE : '',
		task_info: task.externalId ? { external_task_id: task.externalId } : {},
		created_at: task.createdAt,
		updated_at: updatedAt(task, status),
		...(status === 'succeed' ? { final_unit_deduction: legacyUnits(task) } : {}),
		task_result: status === 'succeed' ? result : {},
	};
}

export function newView(task: ViewedTask, status: LegacyStatus, base: string) {
	const done = status === 'succeed';
	const { pack, units } = unitsOf(task);
	return {
		id: task.id,
		status: done ? (endpointByKey(task.endpoint).solution?.done ?? 'succeeded') : status,
		message: status === 'failed' ? FAILURE : '',
		create_time: task.createdAt,
		update_time: updatedAt(task, status),
		...(task.externalId ? { external_id: task.externalId } : {}),
		outputs: done ? newOutputs(task, base) : [],
		billing: done ? [{ charge_type: 'unit', amount: String(units), package_type: pack }] : [],
	};
}
