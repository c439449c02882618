import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every TypeScript source file below a folder. */
export function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The argument text of every call to `t(…)` or `getFixedT(…)(…)`, found by balancing parentheses. */
export function translationCalls(source: string): string[] {
  const calls: string[] = [];
  for (const match of source.matchAll(/\bt\(|getFixedT\([^()]*\)\(/g)) {
    let depth = 1;
    let i = (match.index ?? 0) + match[0].length;
    const start = i;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')') depth--;
    }
    calls.push(source.slice(start, i - 1));
  }
  return calls;
}
