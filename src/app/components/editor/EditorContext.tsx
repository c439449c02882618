import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { FieldIssue } from './issues';

interface EditorContextValue {
  /** The problems shown for one field path (exactly that path). */
  issuesAt(path: string): FieldIssue[];
  /** Whether any problem is shown at a path or inside it (a step whose title is missing). */
  hasIssuesWithin(path: string): boolean;
  /** Says something to screen readers (an item moved or removed) without moving the focus. */
  announce(message: string): void;
  /** A trainer, or a coordinator of another jurisdiction: everything shows, nothing changes. */
  readOnly: boolean;
}

const EditorContext = createContext<EditorContextValue>({
  issuesAt: () => [],
  hasIssuesWithin: () => false,
  announce: () => {},
  readOnly: false,
});

export function useEditor(): EditorContextValue {
  return useContext(EditorContext);
}

/** Gives every field of an editor its problems, and a polite live region for what buttons did. */
export function EditorProvider({
  issues,
  readOnly,
  children,
}: {
  issues: Map<string, FieldIssue[]>;
  readOnly: boolean;
  children: ReactNode;
}) {
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => setAnnouncement(message), []);
  const value = useMemo<EditorContextValue>(
    () => ({
      issuesAt: (path) => issues.get(path) ?? [],
      hasIssuesWithin: (path) => [...issues.keys()].some((key) => key === path || key.startsWith(`${path}.`)),
      announce,
      readOnly,
    }),
    [issues, announce, readOnly],
  );
  return (
    <EditorContext.Provider value={value}>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </EditorContext.Provider>
  );
}
