import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** Filled in once a browser has started. */
  chromium?: string;
  /** 1-minute load averages when the run started and ended: other work on the machine skews timings. */
  loadAverage: { start: number; end?: number };
}

/** CPU model as /proc/cpuinfo names it (first "model name"), falling back to Node's view. */
function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // Not Linux: use what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    loadAverage: { start: loadavg()[0] ?? Number.NaN },
  };
}
