/**
 * Inputs a prompt names that the request does not have. Kling accepts such a request and charges
 * for it, so the emulator does not refuse it either; it records it where tests can read it.
 * New standard (docs/reference/kling-api.md#image-to-video, docs/reference/kling-api.md#omni-video): `@<id>` names a content item by its `id`; any other
 * syntax names nothing. Legacy (docs/reference/kling-api.md#omni-video, docs/reference/kling-api.md#omni-image): `<<<image_N>>>`, `<<<video_N>>>`, `<<<element_N>>>`,
 * `<<<voice_N>>>`, 1-based in the order of the body's lists.
 */
type Body = Record<string, unknown>;

export interface PromptWarning {
	endpoint: string;
	/** The names in the prompt that match no input, as written. */
	unmatched: string[];
}

const LEGACY_NAME = /<<<(image|video|element|voice)_(\d+)>>>/g;
/** `@name` not inside a word or an email address. */
const AT_NAME = /(?<![\w.])@([\w-]+)/g;

function newStandardPrompts(body: Body): { texts: string[]; ids: Set<string> } {
	const contents = Array.isArray(body.contents) ? (body.contents as Body[]) : [];
	const texts = contents.filter((c) => c.type === 'prompt').map((c) => String(c.text ?? ''));
	if (typeof body.prompt === 'string') texts.push(body.prompt);
	const ids = new Set(contents.filter((c) => typeof c.id === 'string').map((c) => String(c.id)));
	return { texts, ids };
}

function unmatchedOnNew(body: Body): string[] {
	const { texts, ids } = newStandardPrompts(body);
	return texts.flatMap((text) => [
		...[...text.matchAll(LEGACY_NAME)].map((m) => m[0]),
		...[...text.matchAll(AT_NAME)].filter((m) => !ids.has(m[1])).map((m) => m[0]),
	]);
}

function listLength(body: Body, key: string): number {
	return Array.isArray(body[key]) ? (body[key] as unknown[]).length : 0;
}

function unmatchedOnLegacy(body: Body): string[] {
	const have: Record<string, number> = {
		image: listLength(body, 'image_list'),
		video: listLength(body, 'video_list'),
		element: listLength(body, 'element_list'),
		voice: listLength(body, 'voice_list'),
	};
	const shots = Array.isArray(body.multi_prompt) ? (body.multi_prompt as Body[]) : [];
	const texts = [body.prompt, ...shots.map((s) => s.prompt)].filter(
		(t): t is string => typeof t === 'string',
	);
	return texts.flatMap((text) =>
		[...text.matchAll(LEGACY_NAME)]
			.filter((m) => Number(m[2]) < 1 || Number(m[2]) > have[m[1]])
			.map((m) => m[0]),
	);
}

export function promptWarning(
	standard: 'legacy' | 'new',
	endpoint: string,
	body: Body,
): PromptWarning | undefined {
	const unmatched = standard === 'new' ? unmatchedOnNew(body) : unmatchedOnLegacy(body);
	return unmatched.length ? { endpoint, unmatched } : undefined;
}
