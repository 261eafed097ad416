/** Generate, polling (1-minute timeout, 1-second interval), downloading the result into `data`. */
export const POLLING = {
	operation: 'generate',
	wait: 'poll',
	waitTimeout: 1,
	pollInterval: 1,
	downloadResult: true,
	binaryPropertyOutput: 'data',
};

/** Image to Video's parameters for a plain Generate that polls, shared by the suites that run it. */
export const I2V_BASE = {
	...POLLING,
	model: 'kling-v2-6',
	image: 'data',
	prompt: 'A cat walks',
	options: {},
};
