/** What a test may ask of the emulator (faults, relays, timings) and what it counts. */
import type { ResourcePack } from './account.mts';
import type { ModelStatusTable } from './models.mts';
import type { PromptWarning } from './references.mts';

/** An endpoint's key (emulator/rules.mts): `image2video`, `new:omni-video`. */
export type Endpoint = string;

export type FaultStage = 'create' | 'query' | 'download' | 'callback';
export type FaultKind =
	| '429'
	| '1302'
	| '1303'
	/** Account-level refusals (HTTP 429): resource pack exhausted, IP not whitelisted. */
	| '1102'
	| '1304'
	| '5000-after-create'
	| '5002-after-create'
	| 'html-502'
	| 'html-403'
	| 'reset'
	| 'slow'
	| 'malformed'
	/** Kling's 404 / 1203 answer with its body cut short. */
	| 'truncated-404'
	/** Holds the request `delayMs` (default 120 s), then drops the connection. */
	| 'hang'
	/** A short stall (`delayMs`, default 1.5 s), then a dropped connection. */
	| 'stall-reset'
	/** Never answers: holds the request until the client gives up. */
	| 'no-answer'
	| 'callback-drop'
	| 'callback-duplicate'
	| 'callback-late';

export interface FaultRule {
	stage: FaultStage;
	kind: FaultKind;
	/** Fires on the next `count` matching requests (default: unlimited while probability applies). */
	count?: number;
	/** Chance per matching request, drawn from the seeded generator (default 1). */
	probability?: number;
	/** For 'slow' and 'callback-late'. */
	delayMs?: number;
	/** Lets the first `skip` matching requests through untouched. */
	skip?: number;
	/** Callback stage: only callbacks that carry a final status match. */
	finalOnly?: boolean;
}

/**
 * A Kling-compatible relay as its docs describe it (docs/reference/kling-api.md#relays): Kling's legacy API under a
 * prefix, and only what the relay documents. Unset: the official API (which also answers under
 * `/kling`, so relay credentials work against it).
 */
export interface RelayBehaviour {
	prefix: string;
	/** Finds a task by external_task_id (path form). Without it, only task IDs are found. */
	externalIdLookup: boolean;
	/** Serves the pageNum/pageSize list. */
	taskList: boolean;
	/** Where multi-image-to-image tasks are created and read (the other path answers 1202). */
	multiImage2imagePath?: 'images/multi-image2image' | 'images/generations';
	/** The scene field's spelling the relay takes; the other one is refused (1201). */
	sceneImageField?: 'scene_image' | 'scence_image';
	/** A header every request must carry (haoee's sample sends `ModelName`). */
	requiredHeader?: string;
	/**
	 * A sub-task on an earlier Kling video (the one-shot lip-sync) must name the task that made it
	 * (`input.task_id`), as the apifox-family relays and CometAPI document.
	 */
	parentTaskId?: boolean;
}

export interface EmulatorOptions {
	/** Behave as a relay instead of the official API. */
	relay?: RelayBehaviour;
	/** The account's resource packs, read by `GET /account/costs`; succeeded tasks draw them down. */
	resourcePacks?: ResourcePack[];
	/** Serve each result video at this size (the sample MP4, padded), streamed: the bench's big results. */
	videoBytes?: number;
	host?: string;
	port?: number;
	apiKeys?: string[];
	accessKeys?: Record<string, string>;
	/** Task duration for video tasks (submitted → final). */
	videoTaskMs?: number;
	imageTaskMs?: number;
	/**
	 * Real tasks vary: each task's length is drawn (seeded, its own sequence) uniformly from the
	 * base length × [1 − spread, 1 + spread]. 0 (the default): every task takes the base length.
	 */
	taskMsSpread?: number;
	/** Time in `submitted` before `processing`. */
	submittedMs?: number;
	/** Account concurrency, in slots (an image task takes `n`). */
	concurrency?: number;
	/** [?] Presets listed as bare element objects instead of element tasks (docs/reference/kling-api.md#elements-and-voices). */
	bareElementPresets?: boolean;
	/** Kling rejects a second task with the same external_task_id; tests may turn this off. */
	enforceUniqueExternalId?: boolean;
	/** Signs callbacks Standard-Webhooks style when set (`whsec_…`). */
	webhookSecret?: string;
	faults?: FaultRule[];
	seed?: number;
	/** Per endpoint, models to treat as live or retired beyond the docs' table (models.mts). */
	modelStatus?: ModelStatusTable;
	/**
	 * Whether `GET /tasks` also shows tasks created on the legacy standard: seen live for image,
	 * avatar, element and voice tasks, untested for legacy video [?] (docs/reference/kling-api.md#open-questions).
	 */
	legacyTasksOnTasks?: boolean;
}

/** A task as the emulator keeps it: what views.mts shows, plus its lifecycle bookkeeping. */
export interface RequestLogEntry {
	at: number;
	method: string;
	path: string;
	status: number;
	/** When the answer was sent; unset while the request is being handled. */
	answeredAt?: number;
	kind: 'create' | 'query' | 'list' | 'download' | 'control' | 'other';
	code?: number;
	fault?: FaultKind;
	/** How the request authenticated. */
	auth?: 'apiKey' | 'jwt';
}

export interface EmulatorStats {
	createAttempts: number;
	/** Synchronous calls answered (face identification): they make no task. */
	syncCalls: number;
	creates: number;
	createsByExternalId: Record<string, number>;
	duplicateCreates: number;
	pollsByTask: Record<string, number>;
	queries: number;
	/** Task-list reads (pageNum/pageSize), which show many tasks at once. */
	listReads: number;
	/** New-standard `GET /tasks` reads (up to 20 tasks each) and cursor lists (`POST /tasks`). */
	tasksReads: number;
	downloads: number;
	peakConcurrency: number;
	callbacksSent: number;
	callbacksFailed: number;
	faultsInjected: Record<string, number>;
	rejectedCreates: Record<string, number>;
	/** Accepted creates whose prompt names an input the request does not have (references.mts). */
	promptWarnings: Array<PromptWarning & { taskId: string }>;
	requests: RequestLogEntry[];
	tasks: Array<{
		id: string;
		externalId?: string;
		endpoint: Endpoint;
		createdAt: number;
		finishAt: number;
		status: string;
	}>;
}
