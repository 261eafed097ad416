/**
 * The seeded fault campaign: generation nodes against the emulator with faults at every stage,
 * checking after every run that no item was paid twice, lost, hung or leaked a secret, and that
 * succeeded items equal a fault-free run. Forged callbacks to the trigger and to a waiting
 * execution are aimed at a loopback "attacker" server that records every request it gets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	KlingEmulator,
	type FaultKind,
	type FaultRule,
	type FaultStage,
} from '../../emulator/server.mts';
import { makePng, mulberry32 } from '../../emulator/media.mts';
import { KlingImage2Video } from '../../nodes/KlingImage2Video/KlingImage2Video.node.ts';
import { KlingLipSync } from '../../nodes/KlingLipSync/KlingLipSync.node.ts';
import { KlingMotionControl } from '../../nodes/KlingMotionControl/KlingMotionControl.node.ts';
import { KlingImageExpand } from '../../nodes/KlingImageExpand/KlingImageExpand.node.ts';
import { KlingTextToAudio } from '../../nodes/KlingTextToAudio/KlingTextToAudio.node.ts';
import { KlingTextToImage } from '../../nodes/KlingTextToImage/KlingTextToImage.node.ts';
import { KlingVideoEdit } from '../../nodes/KlingVideoEdit/KlingVideoEdit.node.ts';
import { KlingVoice } from '../../nodes/KlingVoice/KlingVoice.node.ts';
import { KlingTrigger } from '../../nodes/KlingTrigger/KlingTrigger.node.ts';
import { KlingVirtualTryOn } from '../../nodes/KlingVirtualTryOn/KlingVirtualTryOn.node.ts';
import {
	binaryItem,
	emulatorCredentials,
	makeContext,
	makeWebhookContext,
} from '../support/context.mts';
import { PROVIDER_CASES, type ProviderCase } from '../support/providers.mts';

/**
 * The products a seed plays, in turn: Image to Video (found by external task ID), Motion Control
 * (a video tool on the same rules), Lip-Sync (found by task ID only, with a synchronous call
 * before its create), Text to Image (n images, n slots), Virtual Try-On (the solutions family),
 * Image Expand, Text to Audio, Voice and Video Edit (selection calls before its create). Each has
 * a fault-free reference of its own.
 */
interface ChaosProduct {
	id: string;
	node: { execute: KlingImage2Video['execute'] };
	params(prompt: string): IDataObject;
	/** Whether the emulator's prompt markers ([fail], [ms=…]) reach it: lip-sync has no prompt. */
	prompted: boolean;
}
const node = new KlingImage2Video();
const CHAOS_PRODUCTS: ChaosProduct[] = [
	{
		id: 'image2video',
		node,
		params: (prompt) => ({ model: 'kling-v2-6', image: 'data', prompt }),
		prompted: true,
	},
	{
		id: 'motionControl',
		node: new KlingMotionControl(),
		params: (prompt) => ({
			model: 'kling-v3',
			image: 'data',
			video: 'https://cdn.example.com/dance.mp4',
			characterOrientation: 'image',
			prompt,
		}),
		prompted: true,
	},
	{
		id: 'lipSync',
		node: new KlingLipSync(),
		params: () => ({
			video: 'video-sample-v1-6',
			audio: 'https://cdn.example.com/voice-4s.mp3',
			options: { audioEnd: 4 },
		}),
		prompted: false,
	},
	{
		id: 'textToImage',
		node: new KlingTextToImage(),
		params: (prompt) => ({ model: 'kling-v3', prompt, options: { numberOfImages: 2 } }),
		prompted: true,
	},
	{
		// The solutions family on the official API (read through /solutions), the Kolors path on relays.
		id: 'virtualTryOn',
		node: new KlingVirtualTryOn(),
		params: () => ({
			model: 'virtual-try-on-3.0',
			personImage: 'https://cdn.example.com/person.png',
			garmentImage: 'https://cdn.example.com/dress.png',
		}),
		prompted: false,
	},
	{
		id: 'imageExpand',
		node: new KlingImageExpand(),
		params: (prompt) => ({ image: 'data', ratios: { left: 0.25, right: 0.25 }, prompt }),
		prompted: true,
	},
	{
		id: 'textToAudio',
		node: new KlingTextToAudio(),
		params: (prompt) => ({ prompt: `Rain on a tin roof ${prompt}`, duration: 4 }),
		prompted: true,
	},
	{
		id: 'voice',
		node: new KlingVoice(),
		params: () => ({ voiceName: 'Narrator', voiceSample: 'https://cdn.example.com/v-10s.mp3' }),
		prompted: false,
	},
	{
		// Synchronous selection calls before its create, as Lip-Sync's face identification.
		id: 'videoEdit',
		node: new KlingVideoEdit(),
		params: (prompt) => ({
			video: 'video-sample-v1-6',
			editMode: 'removal',
			selections: { frame: [{ frame: 10, points: '0.5,0.5' }] },
			prompt: `Delete the cup from <<<video_1>>> ${prompt}`,
		}),
		prompted: true,
	},
];
// Across every provider profile (seed modulo 6), each product in turn.
const productOf = (seed: number) => CHAOS_PRODUCTS[Math.floor(seed / 6) % CHAOS_PRODUCTS.length];
const trigger = new KlingTrigger();
const PNG = makePng(640, 360, 3);
const WAIT_TIMEOUT_MIN = 1;
const HANG_MARGIN_MS = 30_000;
const WEBHOOK_SECRET = `whsec_${Buffer.from('chaos-webhook-secret-32-bytes-long!!').toString('base64')}`;

export interface ChaosSummary {
	runs: number;
	faultsByKind: Record<string, number>;
	maxCreatesPerItem: number;
	itemsLost: number;
	hangs: number;
	leaks: number;
	forgedAccepted: number;
	/** Forged, replayed or stale callbacks sent to the trigger and to waiting executions. */
	forgedTried: number;
	attackerRequests: number;
	seeds: number[];
	/** The error items' messages, to see what the faults turned into. */
	errorItems: string[];
	/** The same figures per provider profile the emulator played (seed modulo the providers). */
	byProvider: Record<string, ProviderFigures>;
	/** Runs, the most creates of one item, and creates not sent again, per product played. */
	byProduct: Record<string, { runs: number; maxCreatesPerItem: number; notSentAgain: number }>;
	violations: Array<{ seed: number; problem: string }>;
}

export interface ProviderFigures {
	runs: number;
	faults: number;
	maxCreatesPerItem: number;
	itemsLost: number;
	/** Items whose create had an unknown outcome on a provider without the lookup: not sent again. */
	notSentAgain: number;
	/** Of those, the ones whose task the emulator did create: paid for, not delivered. */
	notSentAgainExisted: number;
}

/** Each seed plays one provider: its routes, its spelling, and what it cannot look up. */
function providerOf(seed: number): ProviderCase {
	return PROVIDER_CASES[seed % PROVIDER_CASES.length];
}

function figuresOf(summary: ChaosSummary, provider: ProviderCase): ProviderFigures {
	summary.byProvider[provider.name ?? provider.id] ??= {
		runs: 0,
		faults: 0,
		maxCreatesPerItem: 0,
		itemsLost: 0,
		notSentAgain: 0,
		notSentAgainExisted: 0,
	};
	return summary.byProvider[provider.name ?? provider.id];
}

const MENU: Record<FaultStage, FaultKind[]> = {
	create: [
		'429',
		'1302',
		'1303',
		'5000-after-create',
		'5002-after-create',
		'html-502',
		'reset',
		'slow',
		'malformed',
		'stall-reset',
	],
	query: ['429', '1302', 'html-502', 'reset', 'slow', 'malformed', 'stall-reset'],
	download: ['reset', 'slow', 'html-502', 'stall-reset'],
	callback: ['callback-drop', 'callback-duplicate', 'callback-late'],
};

/**
 * Faults that take real time, for one seed in twenty each (none of the fixed seeds `npm test`
 * runs): a create or status read that never answers (the node's request timeout, 60 s, must end
 * it), and a task that never finishes (the 1-minute Wait Timeout must end the item with an error).
 */
function slowFaults(seed: number, rnd: () => number): { rules: FaultRule[]; neverEnds: boolean } {
	if (seed % 20 === 0) {
		const stage: FaultStage = rnd() < 0.5 ? 'create' : 'query';
		return { rules: [{ stage, kind: 'no-answer', count: 1 }], neverEnds: false };
	}
	return { rules: [], neverEnds: seed % 20 === 10 };
}

/** Longer than any run may take: the request timeout, the wait timeout and their retries. */
const WATCHDOG_MS = 4 * 60_000;

function pickFaults(rnd: () => number): FaultRule[] {
	const rules: FaultRule[] = [];
	const count = 1 + Math.floor(rnd() * 4);
	const stages: FaultStage[] = ['create', 'query', 'download'];
	for (let k = 0; k < count; k++) {
		const stage = stages[Math.floor(rnd() * stages.length)];
		const kind = MENU[stage][Math.floor(rnd() * MENU[stage].length)];
		rules.push({
			stage,
			kind,
			count: 1 + Math.floor(rnd() * 2),
			probability: 0.4 + rnd() * 0.5,
			delayMs: 300 + Math.floor(rnd() * 1200),
		});
	}
	return rules;
}

/** What must be equal between a succeeded item and the fault-free run. */
function comparable(item: INodeExecutionData) {
	const {
		taskId,
		externalTaskId,
		createdAt,
		updatedAt,
		elapsedMs,
		videos,
		images,
		audios,
		voices,
		voiceId,
		provider,
		apiStandard,
		...rest
	} = item.json;
	// Seeds play different providers on different ports; runs signed with an access key and relays
	// use the legacy standard, API-key runs the new one.
	return {
		...rest,
		// Result URLs name their task: the counts are what a fault must not change.
		videos: (videos as unknown[] | undefined)?.length ?? null,
		images: (images as unknown[] | undefined)?.length ?? null,
		audios: (audios as unknown[] | undefined)?.length ?? null,
		voices: (voices as unknown[] | undefined)?.length ?? null,
		voiceId: voiceId === undefined ? undefined : typeof voiceId,
		binary: item.binary?.data?.data,
		mime: item.binary?.data?.mimeType,
	};
}

function findLeak(text: string, secrets: string[]): string | undefined {
	if (/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(text)) return 'a JWT';
	return secrets.find((s) => s && text.includes(s));
}

export async function runCampaign(seeds: number[], workers = 4): Promise<ChaosSummary> {
	const summary: ChaosSummary = {
		runs: 0,
		faultsByKind: {},
		maxCreatesPerItem: 0,
		itemsLost: 0,
		hangs: 0,
		leaks: 0,
		forgedAccepted: 0,
		forgedTried: 0,
		attackerRequests: 0,
		seeds,
		errorItems: [],
		byProvider: {},
		byProduct: {},
		violations: [],
	};
	const emulators = Array.from(
		{ length: workers },
		() => new KlingEmulator({ videoTaskMs: 400, submittedMs: 50 }),
	);
	const urls = await Promise.all(emulators.map((e) => e.start()));
	try {
		// The reference: the same input without faults.
		const expected: Record<string, ReturnType<typeof comparable>> = {};
		for (const product of CHAOS_PRODUCTS) {
			emulators[0].reset({ videoTaskMs: 400, submittedMs: 50, faults: [] });
			const reference = await runOnce(urls[0], 1, false, 'key', undefined, undefined, product);
			expected[product.id] = comparable((reference.items as INodeExecutionData[])[0]);
		}

		const queue = [...seeds];
		await Promise.all(
			emulators.map(async (emulator, w) => {
				for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
					const stuck = await watchdog(
						oneRun(seed, emulator, urls[w], expected[productOf(seed).id], summary),
					);
					if (stuck) {
						// Its emulator is still in use by the stuck run: this worker takes no more seeds.
						summary.hangs++;
						summary.violations.push({
							seed,
							problem: `still running after ${WATCHDOG_MS} ms; last requests: ${lastRequests(emulator)}`,
						});
						return;
					}
					// Every fourth seed also waits for callbacks delivered late, twice, out of order or never.
					if (seed % 4 === 0)
						await callbackRun(seed, emulator, urls[w], expected.image2video, summary);
				}
			}),
		);
		await forgedCallbacks(emulators[0], urls[0], summary);
	} finally {
		await Promise.all(emulators.map((e) => e.stop()));
	}
	return summary;
}

/** Where a stuck run stands: its last requests, unanswered ones marked, to replay it by. */
function lastRequests(emulator: KlingEmulator): string {
	const started = emulator.snapshot().requests[0]?.at ?? 0;
	return emulator
		.snapshot()
		.requests.slice(-6)
		.map(
			(r) =>
				`${r.method} ${r.path} +${r.at - started} ms ${r.answeredAt ? r.status : 'unanswered'}${r.fault ? ` (${r.fault})` : ''}`,
		)
		.join('; ');
}

/** True when the run did not end within WATCHDOG_MS: a hang, counted, and the campaign goes on. */
async function watchdog(run: Promise<void>): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const stuck = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), WATCHDOG_MS)));
	try {
		return await Promise.race([run.then(() => false), stuck]);
	} finally {
		clearTimeout(timer);
	}
}

function credentialsFor(base: string, provider: ProviderCase, auth: 'key' | 'jwt'): IDataObject {
	if (provider.id !== 'official') return provider.credentials(base);
	return auth === 'key'
		? emulatorCredentials(base)
		: emulatorCredentials(base, {
				authMode: 'accessKey',
				accessKey: 'emulator-access-key',
				secretKey: 'emulator-secret-key',
			});
}

async function runOnce(
	base: string,
	n: number,
	continueOnFail: boolean,
	auth: 'key' | 'jwt',
	prompts?: string[],
	provider: ProviderCase = PROVIDER_CASES[0],
	product: ChaosProduct = CHAOS_PRODUCTS[0],
) {
	const credentials = credentialsFor(base, provider, auth);
	const c = makeContext({
		params: (i) => ({
			operation: 'generate',
			wait: 'poll',
			waitTimeout: WAIT_TIMEOUT_MIN,
			pollInterval: 1,
			downloadResult: true,
			binaryPropertyOutput: 'data',
			options: {},
			...product.params(prompts?.[i] ?? 'fine'),
		}),
		items: Array.from({ length: n }, () => binaryItem(PNG)),
		credentials,
		continueOnFail,
	});
	try {
		const [items] = await product.node.execute.call(c.ctx);
		return { items, error: undefined, credentials };
	} catch (error) {
		return { items: undefined, error: error as Error & { description?: string }, credentials };
	}
}

async function oneRun(
	seed: number,
	emulator: KlingEmulator,
	base: string,
	expected: ReturnType<typeof comparable>,
	summary: ChaosSummary,
) {
	const rnd = mulberry32(seed);
	const product = productOf(seed);
	const n = 1 + Math.floor(rnd() * 4);
	const prompts: string[] = Array.from({ length: n }, () =>
		rnd() < 0.15 && product.prompted ? '[fail] rejected by review' : 'fine',
	);
	const continueOnFail = rnd() < 0.7;
	const auth = rnd() < 0.3 ? 'jwt' : 'key';
	const slow = slowFaults(seed, rnd);
	const faults = [...slow.rules, ...pickFaults(rnd)];
	if (slow.neverEnds && product.prompted) {
		prompts[0] = 'fine, but never finishes [ms=86400000]';
		summary.faultsByKind['never-finishes'] = (summary.faultsByKind['never-finishes'] ?? 0) + 1;
	}
	const provider = providerOf(seed);
	const figures = figuresOf(summary, provider);
	emulator.reset({
		seed,
		faults,
		relay: provider.relay,
		videoTaskMs: 200 + Math.floor(rnd() * 600),
		submittedMs: 50,
		concurrency: 2 + Math.floor(rnd() * 4),
		enforceUniqueExternalId: false,
	});
	const violation = (problem: string) => summary.violations.push({ seed, problem });

	const started = Date.now();
	const outcome = await runOnce(base, n, continueOnFail, auth, prompts, provider, product);
	const elapsed = Date.now() - started;
	const stats = emulator.snapshot();
	summary.runs++;
	figures.runs++;
	for (const [kind, count] of Object.entries(stats.faultsInjected)) {
		summary.faultsByKind[kind] = (summary.faultsByKind[kind] ?? 0) + count;
		figures.faults += count;
	}

	const requestTimeoutMs = slow.rules.length ? 60_000 : 0;
	if (elapsed > WAIT_TIMEOUT_MIN * 60_000 + requestTimeoutMs + HANG_MARGIN_MS) {
		summary.hangs++;
		violation(`took ${elapsed} ms`);
	}
	const creates = Object.values(stats.createsByExternalId);
	const maxCreates = Math.max(0, ...creates);
	const played = (summary.byProduct[product.id] ??= {
		runs: 0,
		maxCreatesPerItem: 0,
		notSentAgain: 0,
	});
	played.runs++;
	played.maxCreatesPerItem = Math.max(played.maxCreatesPerItem, maxCreates);
	summary.maxCreatesPerItem = Math.max(summary.maxCreatesPerItem, maxCreates);
	figures.maxCreatesPerItem = Math.max(figures.maxCreatesPerItem, maxCreates);
	if (maxCreates > 1 || stats.duplicateCreates > 0)
		violation(`${provider.id}: an item was created ${maxCreates} times`);

	const secrets = [
		'emulator-api-key',
		'emulator-secret-key',
		outcome.credentials.apiKey as string,
	].filter(Boolean);
	const text =
		JSON.stringify(outcome.items ?? []) +
		String(outcome.error?.message ?? '') +
		String(outcome.error?.description ?? '');
	const leak = findLeak(text, secrets);
	if (leak) {
		summary.leaks++;
		violation(`output or error shows ${leak === 'a JWT' ? leak : 'a secret'}`);
	}

	if (outcome.error) {
		// Without continue-on-fail a failure may stop the node; with it, nothing may be lost.
		if (continueOnFail) {
			summary.itemsLost += n;
			figures.itemsLost += n;
			violation(`threw with continue-on-fail: ${outcome.error.message}`);
		}
		return;
	}
	const items = outcome.items!;
	if (items.length !== n) {
		summary.itemsLost += Math.abs(n - items.length);
		violation(`${items.length} output items for ${n} inputs`);
	}
	items.forEach((item, i) => {
		if ((item.pairedItem as { item: number })?.item !== i) violation(`item ${i} is out of order`);
		const json = item.json as IDataObject;
		if (json.status === 'succeeded' && json.error === undefined) {
			const got = comparable(item) as Record<string, unknown>;
			const diff = Object.keys({ ...got, ...expected }).filter(
				(k) => JSON.stringify(got[k]) !== JSON.stringify((expected as Record<string, unknown>)[k]),
			);
			if (diff.length) violation(`item ${i} differs from the fault-free run in ${diff.join(', ')}`);
		} else if (typeof json.error !== 'string' || !json.error) {
			summary.itemsLost++;
			figures.itemsLost++;
			violation(`item ${i} has neither a result nor an error`);
		} else if (
			json.code !== null &&
			json.code !== undefined &&
			(!String(json.error).includes(`Kling error ${json.code}`) || !json.requestId)
		) {
			violation(`item ${i}'s error lacks the Kling code or request id: ${json.error}`);
		}
		if (prompts[i].startsWith('[fail]') && json.status === 'succeeded' && json.error === undefined)
			violation(`item ${i} should have failed`);
		if (
			prompts[i].includes('never finishes') &&
			!/did not finish within the wait timeout/.test(String(json.error))
		)
			violation(`item ${i} never finishes but says: ${String(json.error ?? json.status)}`);
		if (json.error !== undefined) summary.errorItems.push(String(json.error).slice(0, 160));
		if (/may have been created, so it was not sent again/.test(String(json.error ?? ''))) {
			figures.notSentAgain++;
			played.notSentAgain++;
			const ext = String(json.externalTaskId ?? '');
			if (!ext) violation(`item ${i} was not sent again but names no external task ID`);
			if ((stats.createsByExternalId[ext] ?? 0) > 0) figures.notSentAgainExisted++;
		}
	});
}

/**
 * Callback-wait under callback faults: the node pauses, then the callbacks of its tasks arrive in a
 * seeded order, some twice, some late (after every task finished), some never. It may resume only
 * once every task has finished, and then with the fault-free output.
 */
async function callbackRun(
	seed: number,
	emulator: KlingEmulator,
	base: string,
	expected: ReturnType<typeof comparable>,
	summary: ChaosSummary,
) {
	const rnd = mulberry32(seed * 7919);
	const n = 1 + Math.floor(rnd() * 3);
	const provider = providerOf(seed);
	const credentials = credentialsFor(base, provider, 'key');
	figuresOf(summary, provider).runs++;
	emulator.reset({
		seed,
		relay: provider.relay,
		faults: [],
		videoTaskMs: 600,
		submittedMs: 50,
		concurrency: 5,
		enforceUniqueExternalId: false,
	});
	const params = {
		operation: 'generate',
		model: 'kling-v2-6',
		image: 'data',
		prompt: 'fine',
		wait: 'callback',
		waitTimeout: 1,
		pollInterval: 1,
		downloadResult: true,
		binaryPropertyOutput: 'data',
		options: {},
	};
	const c = makeContext({
		params,
		items: Array.from({ length: n }, () => binaryItem(PNG)),
		credentials,
	});
	const violation = (problem: string) =>
		summary.violations.push({ seed, problem: `callback-wait (${provider.id}): ${problem}` });
	summary.runs++;
	await node.execute.call(c.ctx);
	if (!c.waitTill()) {
		violation('did not pause');
		return;
	}
	const tasks = emulator.snapshot().tasks;
	const query = Object.fromEntries(new URL(String(emulator.callbackUrl(tasks[0].id))).searchParams);
	const deliver = async (id: string) => {
		const hook = makeWebhookContext({
			body: emulator.callbackBody(id),
			query,
			params,
			credentials,
		});
		return (await node.webhook.call(hook.ctx)).workflowData;
	};
	// Early: each task's current callback (submitted/processing), shuffled, some repeated.
	const early = tasks.flatMap((t) => (rnd() < 0.3 ? [t.id, t.id] : [t.id])).sort(() => rnd() - 0.5);
	for (const id of early) if (await deliver(id)) violation('resumed before its tasks finished');
	await new Promise((r) => setTimeout(r, 900));
	// Final: shuffled, some dropped, some repeated.
	const finals = tasks
		.filter(() => rnd() > 0.25)
		.flatMap((t) => (rnd() < 0.3 ? [t.id, t.id] : [t.id]))
		.sort(() => rnd() - 0.5);
	summary.faultsByKind['callback-drop'] =
		(summary.faultsByKind['callback-drop'] ?? 0) + tasks.length - new Set(finals).size;
	summary.faultsByKind['callback-duplicate'] =
		(summary.faultsByKind['callback-duplicate'] ?? 0) + finals.length - new Set(finals).size;
	// Every final is delivered after the tasks ended: the scenario, not a fault, so not counted.
	// The first final callback after every task finished resumes; n8n refuses any later resume
	// (409), so the later ones must not read and download the batch again (one resume in all).
	for (const [k, id] of finals.entries()) {
		const out = await deliver(id);
		if (k > 0) {
			if (out) violation('a second final callback resumed (and downloaded) the batch again');
			continue;
		}
		if (!out) {
			violation('the first final callback after every task finished did not resume');
			continue;
		}
		const items = out[0];
		if (items.length !== n) summary.itemsLost += Math.abs(n - items.length);
		items.forEach((item, i) => {
			const got = comparable(item) as Record<string, unknown>;
			if ((item.pairedItem as { item: number }).item !== i) violation(`item ${i} out of order`);
			if (JSON.stringify(got) !== JSON.stringify(expected))
				violation(`item ${i} differs from the fault-free run`);
		});
	}
	const max = Math.max(...Object.values(emulator.snapshot().createsByExternalId));
	summary.maxCreatesPerItem = Math.max(summary.maxCreatesPerItem, max);
	if (max > 1) violation(`an item was created ${max} times`);
}

async function startAttacker() {
	const requests: string[] = [];
	const server = http.createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		res.end('pwned');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		requests,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise((r) => server.close(r)),
	};
}

/** Forged and replayed callbacks; none may start or resume anything or reach the attacker. */
async function forgedCallbacks(emulator: KlingEmulator, base: string, summary: ChaosSummary) {
	const attacker = await startAttacker();
	try {
		emulator.reset({
			videoTaskMs: 1500,
			submittedMs: 50,
			faults: [],
			webhookSecret: WEBHOOK_SECRET,
		});
		const evil = (id: string, ext?: string) => ({
			task_id: id,
			task_status: 'succeed',
			task_info: ext ? { external_task_id: ext } : {},
			task_result: { videos: [{ id: 'v', url: `${attacker.url}/evil.mp4` }] },
		});
		const signed = (
			body: unknown,
			secret = WEBHOOK_SECRET,
			ts = Math.floor(Date.now() / 1000),
			id = 'msg_1',
		) => {
			const raw = JSON.stringify(body);
			return {
				raw,
				headers: {
					'webhook-id': id,
					'webhook-timestamp': String(ts),
					'webhook-signature': KlingEmulator.sign(secret, id, ts, raw),
				},
			};
		};
		// Every forged, stale or replayed callback sent is counted here, with whether it got through.
		const forgery = (accepted: boolean) => {
			summary.forgedTried++;
			if (accepted) summary.forgedAccepted++;
		};
		const withSecret = emulatorCredentials(base, { webhookSecret: WEBHOOK_SECRET });
		const plain = emulatorCredentials(base);
		const triggerParams = {
			statuses: ['succeeded', 'failed'],
			taskTypes: ['image2video'],
			options: { confirmWithApi: true, downloadResult: true, binaryPropertyOutput: 'data' },
		};

		const forged: Array<{
			body: unknown;
			raw?: string;
			headers?: Record<string, string>;
			credentials: IDataObject;
		}> = [
			{ body: evil('1'), credentials: withSecret }, // missing signature
			{
				...signed(
					evil('1'),
					`whsec_${Buffer.from('not-the-secret-at-all-32-bytes-xx').toString('base64')}`,
				),
				body: evil('1'),
				credentials: withSecret,
			}, // wrong secret
			{
				...signed(evil('1'), WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600),
				body: evil('1'),
				credentials: withSecret,
			}, // stale
			{ body: evil('999999'), credentials: plain }, // unknown task, unsigned endpoint
			{ ...signed(evil('999998')), body: evil('999998'), credentials: withSecret }, // validly signed, but the account has no such task
		];
		for (const f of forged) {
			const hook = makeWebhookContext({
				body: f.body,
				rawBody: f.raw,
				headers: f.headers,
				params: triggerParams,
				credentials: f.credentials,
			});
			const answer = await trigger.webhook.call(hook.ctx);
			forgery(Boolean(answer.workflowData));
		}

		// A waiting execution: forged successes before the batch has finished, then after.
		const c = makeContext({
			params: {
				operation: 'generate',
				model: 'kling-v2-6',
				image: 'data',
				prompt: 'fine',
				wait: 'callback',
				waitTimeout: 1,
				pollInterval: 1,
				downloadResult: true,
				binaryPropertyOutput: 'data',
				options: {},
			},
			items: [binaryItem(PNG), binaryItem(PNG)],
			credentials: plain,
		});
		await node.execute.call(c.ctx);
		const tasks = emulator.snapshot().tasks;
		const callbackUrl = String(emulator.callbackUrl(tasks[0].id));
		const query = Object.fromEntries(new URL(callbackUrl).searchParams);
		const resumeParams = {
			operation: 'generate',
			model: 'kling-v2-6',
			wait: 'callback',
			downloadResult: true,
			binaryPropertyOutput: 'data',
			options: {},
		};
		const resume = async (body: unknown) => {
			const hook = makeWebhookContext({ body, query, params: resumeParams, credentials: plain });
			return await node.webhook.call(hook.ctx);
		};
		// A forged "succeed" for a task of the batch may leave a watcher (a lost last callback must
		// not strand the execution) that resumes once the API shows every task finished, with the
		// API's data; resuming earlier, or with the body's data, is a forgery accepted.
		const early = async (body: unknown) => {
			const answer = await resume(body);
			const finished = emulator.snapshot().tasks.every((t) => t.finishAt <= Date.now());
			const out = JSON.stringify(answer.workflowData ?? []);
			return Boolean(answer.workflowData) && (!finished || out.includes(attacker.url));
		};
		for (const t of tasks) forgery(await early(evil(t.id, t.externalId)));
		forgery(await early(evil('424242', 'not-ours')));
		await new Promise((r) => setTimeout(r, 1800));
		// Now every task has finished: a forged body may end the wait, but only with the API's data.
		const late = await resume(evil(tasks[1].id, tasks[1].externalId));
		const out = JSON.stringify(late.workflowData ?? []);
		forgery(out.includes(attacker.url));

		// Replays: a genuine, validly signed callback delivered again starts nothing more, and the
		// same message past the ±5 min window is refused outright.
		const real = makeContext({
			params: {
				operation: 'generate',
				model: 'kling-v2-6',
				image: 'data',
				prompt: 'fine',
				wait: 'poll',
				waitTimeout: 1,
				pollInterval: 1,
				downloadResult: false,
				options: {},
			},
			items: [binaryItem(PNG)],
			credentials: withSecret,
		});
		await node.execute.call(real.ctx);
		const done = emulator.snapshot().tasks.at(-1)!;
		const genuine = signed(
			emulator.callbackBody(done.id),
			WEBHOOK_SECRET,
			Math.floor(Date.now() / 1000),
			'msg_genuine',
		);
		const triggerStatic = {};
		const deliverToTrigger = async (message: { raw: string; headers: Record<string, string> }) => {
			const hook = makeWebhookContext({
				body: JSON.parse(message.raw),
				rawBody: message.raw,
				headers: message.headers,
				params: triggerParams,
				credentials: withSecret,
				staticData: triggerStatic,
			});
			return {
				started: Boolean((await trigger.webhook.call(hook.ctx)).workflowData),
				status: hook.response.status,
			};
		};
		if (!(await deliverToTrigger(genuine)).started)
			summary.violations.push({
				seed: 0,
				problem: 'forged: a genuine signed callback did not start the trigger',
			});
		forgery((await deliverToTrigger(genuine)).started);
		const staleReplay = signed(
			emulator.callbackBody(done.id),
			WEBHOOK_SECRET,
			Math.floor(Date.now() / 1000) - 600,
			'msg_genuine',
		);
		const stale = await deliverToTrigger(staleReplay);
		forgery(stale.started || stale.status !== 401);

		// A waiting execution whose credential has a signing secret: unsigned, wrongly signed, stale
		// and replayed-stale callbacks get 401 and resume nothing, even after every task finished.
		const signedWait = makeContext({
			params: {
				operation: 'generate',
				model: 'kling-v2-6',
				image: 'data',
				prompt: 'fine',
				wait: 'callback',
				waitTimeout: 1,
				pollInterval: 1,
				downloadResult: true,
				binaryPropertyOutput: 'data',
				options: {},
			},
			items: [binaryItem(PNG)],
			credentials: withSecret,
		});
		const before = emulator.snapshot().tasks.length;
		await node.execute.call(signedWait.ctx);
		const waitTask = emulator.snapshot().tasks[before];
		const waitQuery = Object.fromEntries(
			new URL(String(emulator.callbackUrl(waitTask.id))).searchParams,
		);
		const resumeSigned = async (
			body: unknown,
			message?: { raw: string; headers: Record<string, string> },
		) => {
			const hook = makeWebhookContext({
				body,
				rawBody: message?.raw,
				headers: message?.headers,
				query: waitQuery,
				params: {
					operation: 'generate',
					model: 'kling-v2-6',
					wait: 'callback',
					downloadResult: true,
					binaryPropertyOutput: 'data',
					options: {},
				},
				credentials: withSecret,
			});
			const answer = await node.webhook.call(hook.ctx);
			return {
				resumed: Boolean(answer.workflowData),
				status: hook.response.status,
				out: JSON.stringify(answer.workflowData ?? []),
			};
		};
		await new Promise((r) => setTimeout(r, 1800));
		const finalBody = emulator.callbackBody(waitTask.id);
		const attempts = [
			await resumeSigned(finalBody),
			await resumeSigned(
				finalBody,
				signed(
					finalBody,
					`whsec_${Buffer.from('not-the-secret-at-all-32-bytes-xx').toString('base64')}`,
				),
			),
			await resumeSigned(
				finalBody,
				signed(finalBody, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600),
			),
			await resumeSigned(
				evil(waitTask.id, waitTask.externalId),
				signed(
					evil(waitTask.id, waitTask.externalId),
					WEBHOOK_SECRET,
					Math.floor(Date.now() / 1000) - 400,
					'msg_old',
				),
			),
		];
		for (const a of attempts) forgery(a.resumed || a.status !== 401);
		// The positive control: Kling's own, validly signed final callback resumes it, with the API's data.
		const good = await resumeSigned(finalBody, signed(finalBody));
		if (!good.resumed)
			summary.violations.push({
				seed: 0,
				problem: 'forged: a genuine signed callback did not resume the signed waiting execution',
			});
		if (good.out.includes(attacker.url)) summary.forgedAccepted++;
	} finally {
		summary.attackerRequests = attacker.requests.length;
		await attacker.close();
	}
}
