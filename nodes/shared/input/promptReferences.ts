import type { IDataObject } from 'n8n-workflow';

import type { TaskRoute } from '../api/routing';
import { InputError } from '../core/inputError';
import { referenceVideosOf } from './referenceVideo';

/**
 * How a prompt names the request's inputs. The legacy standard writes `<<<image_1>>>`, the new one
 * `@image_1`, where `image_1` is the `id` of a content item (docs/reference/kling-api.md#omni-video). Both are
 * accepted in any prompt and written in the syntax of the standard the request goes to, so a
 * workflow keeps working when its model or credential moves it to the other standard. A name
 * without a matching input is refused here: Kling accepts such a prompt, charges for it, and
 * ignores what the user meant.
 */
export type ReferenceKind = 'image' | 'video' | 'element' | 'voice';

/** `<<<image_1>>>`, `@image_1`, or `@Image1` as Kling 4.0's examples write it. */
const REFERENCE =
	/<<<(image|video|element|voice)_(\d+)>>>|(?<![\w.])@(image|video|element|voice)_(\d+)\b|(?<![\w.])@(Image|Video|Element|Voice)(\d+)\b/g;

/** Legacy endpoints whose prompt may name images and a video by their place in the lists. */
const NAMES_MEDIA = new Set(['omniVideo', 'omniImage']);
/** Multi-element editing: the prompt names the video it edits, <<<video_1>>>, and its images. */
const EDITS_VIDEO = new Set(['multiElements']);

const WHAT: Record<ReferenceKind, string> = {
	image: 'Images (numbered from 1 in their order, frames included)',
	video: 'reference video',
	element: 'Elements (numbered from 1 in their order)',
	voice: 'Voices (numbered from 1 in their order)',
};

/** How many inputs of each kind a legacy-shaped body gives the prompt to name. */
export function referableInputs(
	body: IDataObject,
	route: TaskRoute,
): Record<ReferenceKind, number> {
	const media = NAMES_MEDIA.has(route.legacy.id);
	const edits = EDITS_VIDEO.has(route.legacy.id);
	const length = (key: string) => ((body[key] as unknown[] | undefined) ?? []).length;
	return {
		image: media || edits ? length('image_list') : 0,
		video: media ? referenceVideosOf(body).length : edits ? 1 : 0,
		element: length('element_list'),
		voice: length('voice_list'),
	};
}

/** The input's id on the new standard: the name the prompt uses there. */
export function referenceId(kind: ReferenceKind, n: number): string {
	return `${kind}_${n}`;
}

function rewrite(
	text: string,
	field: string,
	counts: Record<ReferenceKind, number>,
	model: string,
	standard: TaskRoute['standard'],
): string {
	return text.replace(REFERENCE, (whole, ...groups: Array<string | undefined>) => {
		const [k1, n1, k2, n2, k3, n3] = groups;
		const kind = (k1 ?? k2 ?? k3?.toLowerCase()) as ReferenceKind;
		const n = Number(n1 ?? n2 ?? n3);
		const have = counts[kind];
		if (n < 1 || n > have) {
			const given = have
				? `this item has ${have} ${WHAT[kind]}`
				: `this item gives ${model} no ${WHAT[kind]}`;
			throw new InputError(
				`${field}: names ${whole}, but ${given}. Name only inputs the request has, as ${standard === 'new' ? `@${kind}_1` : `<<<${kind}_1>>>`} for the first.`,
			);
		}
		const id = referenceId(kind, n);
		return standard === 'new' ? `@${id}` : `<<<${id}>>>`;
	});
}

/**
 * Checks every input the prompt (and each storyboard shot) names, and writes the names in the
 * route's syntax. The body is still legacy-shaped; input/newStandard.ts gives the contents the ids.
 */
export function applyPromptReferences(body: IDataObject, route: TaskRoute): void {
	const counts = referableInputs(body, route);
	const model = route.entry?.name ?? (route.model || 'this model');
	if (typeof body.prompt === 'string')
		body.prompt = rewrite(body.prompt, 'Prompt', counts, model, route.standard);
	const shots = body.multi_prompt as IDataObject[] | undefined;
	shots?.forEach((shot, n) => {
		if (typeof shot.prompt === 'string')
			shot.prompt = rewrite(shot.prompt, `Storyboard shot ${n + 1}`, counts, model, route.standard);
	});
}
