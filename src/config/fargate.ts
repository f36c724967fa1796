/**
 * Fargate's valid task CPU / memory combinations (Linux), from the ECS developer guide
 * "Task CPU and memory". Memory values are MiB.
 */
interface MemoryRange {
  readonly minMiB: number;
  readonly maxMiB: number;
  readonly stepMiB: number;
}

const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[] | MemoryRange>> = {
  256: [512, 1024, 2048],
  512: { minMiB: 1024, maxMiB: 4096, stepMiB: 1024 },
  1024: { minMiB: 2048, maxMiB: 8192, stepMiB: 1024 },
  2048: { minMiB: 4096, maxMiB: 16384, stepMiB: 1024 },
  4096: { minMiB: 8192, maxMiB: 30720, stepMiB: 1024 },
  8192: { minMiB: 16384, maxMiB: 61440, stepMiB: 4096 },
  16384: { minMiB: 32768, maxMiB: 122880, stepMiB: 8192 },
};

/** The CPU units Fargate accepts. */
export const FARGATE_CPU_UNITS: readonly number[] = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

/** Human-readable list of the memory values allowed with `cpu` (e.g. "1024-4096 in steps of 1024"). */
export function allowedMemoryDescription(cpu: number): string {
  const allowed = FARGATE_MEMORY_BY_CPU[cpu];
  if (allowed === undefined) {
    return 'none';
  }
  if (Array.isArray(allowed)) {
    return allowed.join(', ');
  }
  const range = allowed as MemoryRange;
  return `${range.minMiB}-${range.maxMiB} in steps of ${range.stepMiB}`;
}

/** True when Fargate accepts `memoryMiB` together with `cpu`. */
export function isValidFargateMemory(cpu: number, memoryMiB: number): boolean {
  const allowed = FARGATE_MEMORY_BY_CPU[cpu];
  if (allowed === undefined) {
    return false;
  }
  if (Array.isArray(allowed)) {
    return allowed.includes(memoryMiB);
  }
  const range = allowed as MemoryRange;
  return (
    memoryMiB >= range.minMiB && memoryMiB <= range.maxMiB && (memoryMiB - range.minMiB) % range.stepMiB === 0
  );
}
