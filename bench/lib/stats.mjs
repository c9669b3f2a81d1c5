import { availableParallelism, cpus } from 'node:os';

export const sorted = (values) => [...values].sort((a, b) => a - b);
export const percentile = (values, p) => {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
export const median = (values) => percentile(values, 50);
/** Median of several runs, with min and max. */
export const summary = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
  runs: values.length,
});

/** The machine a run measured, for the results and the first line of the log. */
export function machineInfo() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
  };
}
