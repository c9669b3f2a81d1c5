export * from './run-graph.js';
export * from './graph-question.js';
