/**
 * Bad input found before any request: the message names the field and the rule. The lowest layer,
 * so that any layer that checks input (routing, the catalogue's capabilities, the request builders)
 * can refuse it the same way, and the engine can tell it from Kling's own refusals.
 */
export class InputError extends Error {}
