import { createElement, type ReactNode } from 'react';

export type HeadingLevel = 1 | 2 | 3 | 4;

/** A heading at the level where the component is placed: a screen of its own, or a section of settings. */
export function Heading({ level, id, children }: { level: HeadingLevel; id?: string; children: ReactNode }) {
  return createElement(`h${level}`, { id }, children);
}

export function below(level: HeadingLevel): HeadingLevel {
  return Math.min(level + 1, 4) as HeadingLevel;
}
