import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DraftKind, DraftRecord } from '../../../core/console/protocol';
import { ConsoleApiError } from '../../console/api';
import { saveDraftRecord } from '../../console/draft';
import { type FieldIssue, issueIndex, serverIssues } from './issues';
import { mergeVersions, type NestedShape, type RecordBody, sameValue } from './versions';

/** How an editor turns its form into a record body and back, and checks it. */
export interface RecordEditorConfig<F> {
  jurisdictionId: string;
  kind: DraftKind;
  /** The record as the draft holds it when the editor opens; null for a new record. */
  record: DraftRecord | null;
  fromBody(body: RecordBody): F;
  toBody(form: F): RecordBody;
  idOf(form: F): string;
  /** The schema and the rules between fields (unique ids, providers that exist…). */
  validate(form: F): FieldIssue[];
  /** The form's list structure (item keys in order): server issues point at positions, so they stop applying when it changes. */
  structure(form: F): string;
  shape: NestedShape;
  onSaved?(record: DraftRecord): void;
  /** The editor opens on a record it has just created (after moving to the new record's address). */
  justSaved?: boolean;
}

/** Someone saved the record after this edit started: both versions, until the coordinator chooses. */
export interface Conflict {
  yours: RecordBody;
  theirs: DraftRecord | null;
}

export type SavePhase = 'editing' | 'saving' | 'saved';

export interface RecordEditor<F> {
  form: F;
  update(change: (form: F) => F): void;
  /** The saved record the next save starts from (its revision goes with it). */
  base: DraftRecord | null;
  dirty: boolean;
  /** Problems the browser finds now (shown once a save was tried). */
  clientIssues: FieldIssue[];
  /** Problems to show by field path: the browser's, then the server's for fields the browser had nothing against. */
  shownIssues: Map<string, FieldIssue[]>;
  /** Counts save attempts that stopped on problems, so the summary can take the focus each time. */
  refusedAttempts: number;
  phase: SavePhase;
  /** A failure other than a conflict or field problems (no connection, no permission…). */
  problem: Error | undefined;
  conflict: Conflict | undefined;
  /** Set after "mine on top of theirs": the version the combined form will replace when saved. */
  combinedWith: DraftRecord | undefined;
  save(): Promise<void>;
  /** Back to the saved version, dropping every unsaved change. */
  discard(): void;
  takeTheirs(): void;
  applyMineOnTheirs(): void;
}

/**
 * The save cycle every console editor shares: validate in the browser, save the whole record
 * with the revision it started from, show the server's field issues next to the fields, and on
 * a conflict keep both versions until the coordinator chooses. Nothing is saved without the
 * coordinator pressing save, so nobody's work is overwritten silently.
 */
export function useRecordEditor<F>(config: RecordEditorConfig<F>): RecordEditor<F> {
  const { fromBody, toBody, validate, structure } = config;
  const [base, setBase] = useState<DraftRecord | null>(config.record);
  const [form, setForm] = useState<F>(() => fromBody(config.record?.body ?? {}));
  const [startBody, setStartBody] = useState<RecordBody>(() => toBody(fromBody(config.record?.body ?? {})));
  const [attempted, setAttempted] = useState(false);
  const [refusedAttempts, setRefusedAttempts] = useState(0);
  const [server, setServer] = useState<{ issues: FieldIssue[]; structure: string }>({ issues: [], structure: '' });
  const [phase, setPhase] = useState<SavePhase>(config.justSaved ? 'saved' : 'editing');
  const [problem, setProblem] = useState<Error>();
  const [conflict, setConflict] = useState<Conflict>();
  const [combinedWith, setCombinedWith] = useState<DraftRecord>();

  const body = useMemo(() => toBody(form), [form, toBody]);
  const clientIssues = useMemo(() => validate(form), [form, validate]);
  const dirty = !sameValue(body, startBody);
  const serverStillApplies = server.structure === structure(form);
  const shownIssues = useMemo(
    () => issueIndex(attempted ? clientIssues : [], serverStillApplies ? server.issues : []),
    [attempted, clientIssues, serverStillApplies, server.issues],
  );

  const normalized = (recordBody: RecordBody) => toBody(fromBody(recordBody));

  const startFrom = (record: DraftRecord | null, nextForm: F) => {
    setBase(record);
    setForm(nextForm);
    setStartBody(normalized(record?.body ?? {}));
    setServer({ issues: [], structure: '' });
    setConflict(undefined);
    setProblem(undefined);
  };

  const update = useCallback((change: (form: F) => F) => {
    setForm(change);
    setPhase((current) => (current === 'saved' ? 'editing' : current));
  }, []);

  const save = async () => {
    setAttempted(true);
    setProblem(undefined);
    if (clientIssues.length > 0) {
      setRefusedAttempts((n) => n + 1);
      return;
    }
    setPhase('saving');
    try {
      const outcome = await saveDraftRecord(
        config.jurisdictionId,
        { kind: config.kind, id: config.idOf(form) },
        { body, baseRevision: base?.revision ?? null, archived: base?.archived ?? false },
      );
      if (outcome.status === 'conflict') {
        // Compared and combined in the editor's own form (the server fills in defaults such as
        // `responsible: []`), so only real differences show.
        const theirs = outcome.theirs && { ...outcome.theirs, body: normalized(outcome.theirs.body) };
        setConflict({ yours: body, theirs });
        setPhase('editing');
        return;
      }
      startFrom(outcome.record, fromBody(outcome.record.body));
      setCombinedWith(undefined);
      setAttempted(false);
      setPhase('saved');
      config.onSaved?.(outcome.record);
    } catch (error) {
      setPhase('editing');
      if (error instanceof ConsoleApiError && error.status === 422 && error.issues.length > 0) {
        setServer({ issues: serverIssues(error.issues), structure: structure(form) });
        setRefusedAttempts((n) => n + 1);
      } else setProblem(error as Error);
    }
  };

  const discard = () => {
    startFrom(base, fromBody(base?.body ?? {}));
    setCombinedWith(undefined);
    setAttempted(false);
    setPhase('editing');
  };

  const takeTheirs = () => {
    if (!conflict) return;
    startFrom(conflict.theirs, fromBody(conflict.theirs?.body ?? {}));
    setCombinedWith(undefined);
    setPhase('editing');
  };

  const applyMineOnTheirs = () => {
    if (!conflict) return;
    const { theirs, yours } = conflict;
    const combined = theirs
      ? mergeVersions(base ? normalized(base.body) : undefined, yours, theirs.body, config.shape)
      : yours;
    setBase(theirs);
    setStartBody(normalized(theirs?.body ?? {}));
    setForm(fromBody(combined));
    setConflict(undefined);
    setCombinedWith(theirs ?? undefined);
    setPhase('editing');
  };

  // Leaving the page (closing the tab, reloading) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return {
    form,
    update,
    base,
    dirty,
    clientIssues,
    shownIssues,
    refusedAttempts,
    phase,
    problem,
    conflict,
    combinedWith,
    save,
    discard,
    takeTheirs,
    applyMineOnTheirs,
  };
}
