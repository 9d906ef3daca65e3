/** What every bench measures with: the process's CPU time and the median of a run's samples. */

/** The process's CPU time so far, in ms (on a shared machine, another process's load does not count). */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The middle value of `values` (the upper one of an even count), `NaN` for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

