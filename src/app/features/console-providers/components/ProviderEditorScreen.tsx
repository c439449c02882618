import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { DraftRecord } from '../../../../core/console/protocol';
import { Provider } from '../../../../core/handbook/schema';
import { canonicalJson } from '../../../../core/release/hashing';
import { ConsoleApiError } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { saveDraftRecord, useDraft } from '../../../console/draft';
import { fieldId } from '../../../console/form';
import { type FieldIssue, serverIssues, useDescribeIssues } from '../../../console/issues';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { useAccount } from '../../../console/session';
import { textIn } from '../../../console/text';
import { theirsPlusMine } from '../conflict';
import { bodyFromForm, formFromBody, idFromName, type ProviderForm, phoneProblems } from '../provider-form';
import { ConflictPanel } from './ConflictPanel';
import { MissingTranslations } from './MissingTranslations';
import { FORM, ProviderFields } from './ProviderFields';

type Body = Record<string, unknown>;

/** What the editor started from: the record as saved (none for a new provider) and its revision. */
interface Editing {
  form: ProviderForm;
  saved: Body | undefined;
  revision: number | null;
  archived: boolean;
}

interface Conflict {
  mine: Body;
  theirs: DraftRecord | null;
  archived: boolean;
}

type Status = 'saved' | 'archived' | 'restored' | 'tookTheirs';

/** A new provider starts public and unverified, reachable in the jurisdiction's language. */
const NEW_PROVIDER: Body = {
  visibility: 'public',
  languages: ['es'],
  provenance: { source: '', verifiedAt: null, verifiedBy: null },
};

/** The coordinator's calendar date, as a verification date is written (YYYY-MM-DD). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** /admin/j/:jurisdictionId/providers/new and /providers/:providerId: one provider of the draft. */
export function ProviderEditorScreen() {
  const { t, i18n } = useTranslation('console');
  const { jurisdictionId = '', providerId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const account = useAccount();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const { draft, error } = useDraft(jurisdictionId);
  const describeIssues = useDescribeIssues();
  const [editing, setEditing] = useState<Editing>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState<Conflict>();
  const [problem, setProblem] = useState<Error>();
  const [status, setStatus] = useState<Status | undefined>(
    (location.state as { saved?: boolean } | null)?.saved ? 'saved' : undefined,
  );
  const [working, setWorking] = useState(false);
  const [idTouched, setIdTouched] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const isNew = providerId === undefined;
  const readOnly = jurisdiction ? !jurisdiction.canEdit : true;
  const country =
    (draft?.records.find((record) => record.key === 'jurisdiction')?.body.country as string | undefined) ??
    jurisdiction?.country ??
    '';
  const record = draft && !isNew ? draft.records.find((r) => r.key === `provider/${providerId}`) : undefined;
  const base = `/admin/j/${encodeURIComponent(jurisdictionId)}`;

  useEffect(() => {
    if (editing || !draft) return;
    if (isNew)
      setEditing({
        form: formFromBody({ ...NEW_PROVIDER, address: { country } }, country),
        saved: undefined,
        revision: null,
        archived: false,
      });
    else if (record)
      setEditing({
        form: formFromBody(record.body, country),
        saved: record.body,
        revision: record.revision,
        archived: record.archived,
      });
  }, [draft, editing, isNew, record, country]);

  const showIssues = (found: FieldIssue[]) => {
    setIssues(found);
    requestAnimationFrame(() => summary.current?.focus());
  };

  /** Checks the form as the server will (the same schema), with phone problems said precisely. */
  const validate = (form: ProviderForm, saved: Body | undefined) => {
    const body = bodyFromForm(form, saved ?? {}, country);
    const parsed = Provider.safeParse(body);
    const phones = phoneProblems(form, country).map(({ path, problem: kind }) => ({
      path,
      message: t(`providers.phoneProblem.${kind}`),
    }));
    const phonePaths = new Set(phones.map((issue) => issue.path));
    const found = [
      ...phones,
      ...(parsed.success ? [] : describeIssues(parsed.error).filter((issue) => !phonePaths.has(issue.path))),
    ].map((issue) => {
      // A wrong code in the list of languages is shown at the list, naming the code.
      const position = /^languages\.(\d+)$/.exec(issue.path)?.[1];
      const code = (body.languages as string[])[Number(position)];
      return position === undefined ? issue : { path: 'languages', message: `${code}: ${issue.message}` };
    });
    if (isNew && draft?.records.some((r) => r.key === `provider/${form.id.trim()}`)) {
      found.push({ path: 'id', message: t('providers.idTaken') });
    }
    if ((form.latitude.trim() === '') !== (form.longitude.trim() === '')) {
      found.push({
        path: form.latitude.trim() === '' ? 'latitude' : 'longitude',
        message: t('providers.coordinatesPair'),
      });
    }
    return { body: parsed.success ? (parsed.data as Body) : undefined, found };
  };

  /** Saves a version of the record over the revision it started from; a conflict shows both versions. */
  const save = async (
    form: ProviderForm,
    from: Pick<Editing, 'saved' | 'revision'>,
    archived: boolean,
    done: Status,
  ) => {
    const { body, found } = validate(form, from.saved);
    if (!body || found.length > 0) return showIssues(found);
    setIssues([]);
    setProblem(undefined);
    setStatus(undefined);
    setWorking(true);
    try {
      const outcome = await saveDraftRecord(
        jurisdictionId,
        { kind: 'providers', id: String(body.id) },
        { body, baseRevision: from.revision, archived },
      );
      if (outcome.status === 'conflict') {
        setConflict({ mine: body, theirs: outcome.theirs, archived });
        return;
      }
      const saved = outcome.record;
      setConflict(undefined);
      if (isNew) {
        navigate(`${base}/providers/${encodeURIComponent(String(body.id))}`, { replace: true, state: { saved: true } });
        return;
      }
      setEditing({
        form: formFromBody(saved.body, country),
        saved: saved.body,
        revision: saved.revision,
        archived: saved.archived,
      });
      setStatus(done);
    } catch (failure) {
      const fromServer = serverIssues(failure);
      if (failure instanceof ConsoleApiError && fromServer.length > 0) showIssues(fromServer);
      else setProblem(failure as Error);
    } finally {
      setWorking(false);
    }
  };

  if (error) return <ConsoleProblem error={error} />;
  if (!draft || (!editing && (isNew || record))) return <p className="loading">{t('shell.loading')}</p>;
  if (!editing) {
    return (
      <section aria-labelledby="provider-missing-title">
        <h1 id="provider-missing-title">{t('providers.notFound')}</h1>
        <p>
          <Link to={`${base}/providers`}>{t('providers.backToList')}</Link>
        </p>
      </section>
    );
  }

  const { form } = editing;
  const change = (update: Partial<ProviderForm>) => {
    setStatus(undefined);
    const idChosen = idTouched || update.id !== undefined;
    if (update.id !== undefined) setIdTouched(true);
    setEditing((current) => {
      if (!current) return current;
      const next = { ...current.form, ...update };
      // A new provider's id follows its Spanish name until the coordinator writes one.
      if (isNew && !idChosen && update.name) next.id = idFromName(update.name.es);
      return { ...current, form: next };
    });
  };
  const unsaved =
    isNew || canonicalJson(bodyFromForm(form, editing.saved ?? {}, country)) !== canonicalJson(editing.saved ?? {});
  const title = textIn(editing.saved?.name as Body | undefined, i18n.language) || t('providers.newTitle');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(form, editing, editing.archived, 'saved');
  };
  const onArchive = (archived: boolean) => {
    if (!editing.saved) return;
    void save(formFromBody(editing.saved, country), editing, archived, archived ? 'archived' : 'restored');
  };

  return (
    <section aria-labelledby="provider-title">
      <p className="eyebrow">
        <Link to={`${base}/providers`}>{t('providers.backToList')}</Link>
      </p>
      <h1 id="provider-title">{title}</h1>
      {editing.archived && <p className="notice">{t('providers.archivedNotice')}</p>}
      {readOnly && <p className="notice">{t('providers.readOnly')}</p>}
      <p className="console-saved" role="status">
        {status ? t(`providers.status.${status}`) : ''}
      </p>
      {problem && <ConsoleProblem error={problem} />}
      {conflict && (
        <ConflictPanel
          base={editing.saved}
          mine={conflict.mine}
          theirs={conflict.theirs}
          working={working}
          onTakeTheirs={() => {
            if (!conflict.theirs) return;
            const { body, revision, archived } = conflict.theirs;
            setEditing({ form: formFromBody(body, country), saved: body, revision, archived });
            setConflict(undefined);
            setStatus('tookTheirs');
          }}
          onTheirsPlusMine={() => {
            if (!conflict.theirs) return;
            const merged = theirsPlusMine(editing.saved, conflict.mine, conflict.theirs.body);
            const from = { saved: conflict.theirs.body, revision: conflict.theirs.revision };
            const mergedForm = formFromBody(merged, country);
            setEditing({ ...from, form: mergedForm, archived: conflict.archived });
            void save(mergedForm, from, conflict.archived, 'saved');
          }}
          onSaveMineAgain={() =>
            void save(
              formFromBody(conflict.mine, country),
              { saved: editing.saved, revision: null },
              conflict.archived,
              'saved',
            )
          }
        />
      )}
      <div
        ref={summary}
        tabIndex={-1}
        role={issues.length > 0 ? 'alert' : undefined}
        className={issues.length > 0 ? 'notice' : undefined}
      >
        {issues.length > 0 && (
          <>
            <p>{t('providers.issuesSummary', { count: issues.length })}</p>
            <ul>
              {issues.map((issue) => (
                <li key={`${issue.path}-${issue.message}`}>
                  <a href={`#${fieldId(FORM, issue.path)}`}>{issue.message}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <MissingTranslations form={form} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={readOnly || working} className="console-plain-fieldset">
          <ProviderFields
            value={form}
            onChange={change}
            issues={issues}
            country={country}
            isNew={isNew}
            onVerifiedToday={() =>
              change({ provenance: { ...form.provenance, verifiedAt: today(), verifiedBy: account.displayName } })
            }
          />
          {!readOnly && (
            <div className="console-toolbar console-save-bar">
              <button type="submit" className="action action-primary">
                {working ? t('providers.saving') : t('providers.save')}
              </button>
              {!isNew && (
                <button
                  type="button"
                  className="action"
                  disabled={unsaved}
                  aria-describedby="provider-save-state"
                  onClick={() => onArchive(!editing.archived)}
                >
                  {editing.archived ? t('providers.restore') : t('providers.archive')}
                </button>
              )}
              <span id="provider-save-state" className="field-hint">
                {unsaved ? t('providers.unsaved') : t('providers.allSaved')}
              </span>
            </div>
          )}
        </fieldset>
      </form>
    </section>
  );
}
