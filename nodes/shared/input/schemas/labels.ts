/** Body paths (numbers as #) to the names the panel shows. */
export const FIELD_LABELS: Record<string, string> = {
	model_name: 'Model',
	prompt: 'Prompt',
	negative_prompt: 'Negative Prompt',
	mode: 'Mode',
	duration: 'Duration (Seconds)',
	cfg_scale: 'CFG Scale',
	sound: 'Sound',
	aspect_ratio: 'Aspect Ratio',
	n: 'Number of Images',
	callback_url: 'Callback URL',
	external_task_id: 'External Task ID',
	watermark_info: 'Watermark',
	image: 'Image',
	image_tail: 'End Frame',
	image_middle: 'Middle Keyframes',
	'image_middle.#': 'Middle Keyframes #{n}',
	static_mask: 'Static Mask',
	dynamic_masks: 'Dynamic Masks',
	'dynamic_masks.#.trajectories': 'Dynamic Masks #{n} Trajectory',
	camera_control: 'Camera Control',
	'camera_control.type': 'Camera Control Type',
	'camera_control.config.{axis}': 'Camera Control {axis}',
	image_list: 'Images',
	subject_image_list: 'Subject Images',
	scene_image: 'Scene Image',
	scence_image: 'Scene Image',
	style_image: 'Style Image',
	resolution: 'Resolution',
	'image_list.#.image_url': 'Images #{n}',
	'image_list.#.image': 'Images #{n}',
	'contents.#.text': 'Prompt',
	'contents.#.url': 'Image',
	'contents.prompt': 'Prompt',
	'contents.keyframes': 'Keyframes',
	'contents.references': 'References',
	contents: 'Images',
	'settings.resolution': 'Mode',
	'settings.duration': 'Duration (Seconds)',
	'settings.audio': 'Sound',
	'settings.aspect_ratio': 'Aspect Ratio',
	'options.callback_url': 'Callback URL',
	'options.external_task_id': 'External Task ID',
	'options.watermark_info': 'Watermark',
	multi_shot: 'Multi-Shot',
	shot_type: 'Multi-Shot',
	multi_prompt: 'Shots',
	element_list: 'Elements',
	video_list: 'Reference Video',
	voice_list: 'Voices',
	'voice_list.#.voice_id': 'Voices #{n} Voice ID',
	'video_list.#.video_url': 'Reference Video URL',
	element_name: 'Name',
	element_description: 'Description',
	'element_image_list.frontal_image': 'Frontal Image',
	'element_image_list.refer_images': 'Other Angles',
	'element_image_list.refer_images.#.image_url': 'Other Angles #{n}',
	element_voice_id: 'Voice ID',
	'element_list.#.element_id': 'Elements #{n} Element ID',
	'settings.multi_shot': 'Multi-Shot',
};

/**
 * The panel's name for a body path (a product's `own` names first), e.g. ['dynamic_masks', 0, 'trajectories'] → "Dynamic Masks #1 Trajectory". */
export function fieldLabel(path: Array<string | number>, own: Record<string, string> = {}): string {
	const index = path.find((p) => typeof p === 'number') as number | undefined;
	const key = path.map((p) => (typeof p === 'number' ? '#' : p)).join('.');
	const last = String(path[path.length - 1]);
	const label =
		own[key] ??
		FIELD_LABELS[key] ??
		FIELD_LABELS[[...path.slice(0, -1), '{axis}'].join('.')]?.replace('{axis}', last);
	return (label ?? key).replace('{n}', String((index ?? 0) + 1));
}
