/** Shared parameter fragments: one definition, one name, in every node that has the meaning. */
export { forGenerate, generateForTool, generateInWorkflow, optionsCollection } from './show';
export * from './models';
export * from './inputs';
export * from './options';
export * from './operation';
export * from './voices';
