/**
 * The emulator's model of Kling's request rules (docs/reference/kling-api.md#legacy-requests,
 * #new-standard), written from the docs, not from the package: what Kling would refuse with 1201
 * or 1203 before a task is created. Each endpoint is one module under endpoints/, found there:
 * a new endpoint is a new file, and nothing here changes.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { KlingError, checkModel } from './checks.mts';
import type { ModelState, ModelStatusTable } from './models.mts';
import type { NewTaskFacts } from './newStandard.mts';

export { KlingError, checkImage } from './checks.mts';

type Body = Record<string, unknown>;

/** What the account made earlier: a create that names an earlier result by ID is checked against it. */
export interface Known {
	/** A video or audio Kling made under this ID (its seconds, the model that made it), if any. */
	result(kind: 'video' | 'audio', id: string): { seconds: number; model: string } | undefined;
	/** A face-identification session (valid 24 h): the faces found, and the video's seconds. */
	session?(id: string): Session | undefined;
}

/**
 * A synchronous session on one video (valid 24 h): the faces `identify-face` found (ms windows),
 * or the frames a multi-element selection has marked so far.
 */
export interface Session {
	videoSeconds: number;
	faces: Array<{ face_id: string; face_image: string; start_time: number; end_time: number }>;
	markedFrames?: number[];
}

const NOTHING_KNOWN: Known = { result: () => undefined };

/** A legacy create's concurrency slots, and the result's seconds where its inputs decide them. */
export interface Created {
	slots: number;
	seconds?: number;
}

/** One Kling endpoint as the docs describe it. */
export interface EndpointSpec {
	/** What tasks and a test's `modelStatus` call it: `image2video`, `new:omni-video`. */
	key: string;
	standard: 'legacy' | 'new';
	/** Legacy: below `/v1` (`videos/image2video`, and relays' aliases); new: the product (`omni-video`). */
	paths: string[];
	/** What a finished task holds: video to audio returns its video with the new sound. */
	result: 'video' | 'image' | 'element' | 'audio' | 'video+audio' | 'voice';
	/** A list endpoint of Kling's own entries (preset voices): answered as they are. */
	presets?: unknown[];
	/** Seconds of the result where the body decides them (text to audio's `duration`). */
	seconds?(body: Body): number;
	/** The models it serves, as the docs list them; none for an endpoint that takes no model. */
	models?: Record<string, ModelState>;
	/** Legacy: the model when the body names none (the docs' default). */
	defaultModel?: string;
	/** Image endpoints: the units each image costs. */
	unitsPerImage?: number;
	/** What a finished task is billed, where the product has a price list of its own. */
	units?(task: { body: Body; facts?: NewTaskFacts; seconds?: number }): number;
	/** Legacy: checks a create for a model it serves; returns the concurrency slots it takes. */
	validate?(model: string, body: Body, known: Known): number | Created;
	/**
	 * A synchronous call (face identification): its answer's `data`, and no task. `remember`
	 * keeps a session it opens for the create that follows.
	 */
	call?(body: Body, known: Known, remember: (session: Session) => string): Record<string, unknown>;
	/** The create's answer is the finished task, result included (text to speech). */
	answersWithResult?: boolean;
	/** False where Kling documents reading a task by its task ID only (advanced lip-sync). */
	readsByExternalId?: boolean;
	/**
	 * The solutions family (`/solutions/<name>`, read through `GET /solutions` only). The try-on
	 * page answers its create with `task_id` and says `succeed`; the other solutions `id`, `succeeded`.
	 */
	solution?: { answersTaskId: boolean; done: 'succeed' | 'succeeded' };
	/** New standard: checks a create for a model it serves; returns what the task must know. */
	validateNew?(model: string, body: Body): NewTaskFacts;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'endpoints');

/** Every endpoint module's `endpoint`, in file-name order. */
export const ENDPOINTS: readonly EndpointSpec[] = await Promise.all(
	readdirSync(DIR)
		.filter((file) => file.endsWith('.mts'))
		.sort()
		.map(async (file) => {
			const module = (await import(pathToFileURL(path.join(DIR, file)).href)) as {
				endpoint: EndpointSpec;
			};
			return module.endpoint;
		}),
);

export function endpointByKey(key: string): EndpointSpec {
	const found = ENDPOINTS.find((e) => e.key === key);
	if (!found) throw new Error(`The emulator has no endpoint ${key}`);
	return found;
}

/** The endpoint a path below `/v1` (legacy) or the new standard's product names. */
export function endpointAt(standard: 'legacy' | 'new', at: string): EndpointSpec | undefined {
	return ENDPOINTS.find((e) => e.standard === standard && e.paths.includes(at));
}

/** Kling's documented rules for a legacy create; returns the concurrency slots the task needs. */
export function validate(
	endpoint: EndpointSpec,
	body: Body,
	table: ModelStatusTable = {},
	known: Known = NOTHING_KNOWN,
): Created {
	if (!endpoint.validate) throw new KlingError(404, 1202, 'requested method is invalid');
	const model = endpoint.models
		? checkModel(endpoint, String(body.model_name ?? endpoint.defaultModel), table)
		: '';
	const created = endpoint.validate(model, body, known);
	return typeof created === 'number' ? { slots: created } : created;
}

/** Kling's documented rules for a new-standard create, for the model in its path. */
export function validateNew(
	endpoint: EndpointSpec,
	model: string,
	body: Body,
	table: ModelStatusTable = {},
): NewTaskFacts {
	if (!endpoint.validateNew) throw new KlingError(404, 1202, 'requested method is invalid');
	return endpoint.validateNew(checkModel(endpoint, model, table, 'model'), body);
}
