import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { consolePaths, PublishOutcomeSchema, PublishRequestSchema } from '../../../../core/console/protocol';
import { consoleRequest } from '../../../console/api';
import { ChangeList } from '../../../console/ChangeList';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useDraft } from '../../../console/draft';
import { describedBy, FieldProblems } from '../../../console/form';
import { type FieldIssue, serverIssues, useDescribeIssues } from '../../../console/issues';
import { useConsoleJurisdictions } from '../../../console/jurisdictions';
import { jurisdictionPage, recordEditorPage } from '../../../console/paths';
import { textIn } from '../../../console/text';
import { ConfirmStep } from './ConfirmStep';

type Status = { kind: 'published' | 'unchanged'; release: number } | { kind: 'discarded' };

/** /admin/j/:jurisdictionId/publish: what the draft changes, what blocks it, a preview, publish or discard. */
export function PublishScreen() {
  const { t, i18n } = useTranslation('console');
  const { jurisdictionId = '' } = useParams();
  const jurisdictions = useConsoleJurisdictions();
  const jurisdiction = jurisdictions.data?.find((j) => j.id === jurisdictionId);
  const { draft, error, reload } = useDraft(jurisdictionId);
  const describeIssues = useDescribeIssues();
  const [message, setMessage] = useState('');
  const [messageIssues, setMessageIssues] = useState<FieldIssue[]>([]);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Error>();
  const [status, setStatus] = useState<Status>();
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const paths = consolePaths.jurisdiction(jurisdictionId);
  const canEdit = jurisdiction?.canEdit ?? false;

  if (error) return <ConsoleProblem error={error} onRetry={() => void reload()} />;
  if (!draft) return <p className="loading">{t('shell.loading')}</p>;

  const nameOf = (key: string) => {
    const body = draft.records.find((record) => record.key === key)?.body as
      | { name?: Record<string, unknown>; title?: Record<string, unknown> }
      | undefined;
    return textIn(body?.name ?? body?.title, i18n.language) || key;
  };
  const nothingToPublish = draft.changes.length === 0;
  const blocked = draft.issues.length > 0;

  const afterChange = async (next: Status) => {
    setStatus(next);
    await Promise.all([reload(), jurisdictions.reload()]);
  };

  const onPublish = async (event: FormEvent) => {
    event.preventDefault();
    const request = PublishRequestSchema.safeParse({ message });
    if (!request.success) return setMessageIssues(describeIssues(request.error));
    setMessageIssues([]);
    setProblem(undefined);
    setWorking(true);
    try {
      const outcome = await consoleRequest('POST', paths.releases, PublishOutcomeSchema, request.data);
      setMessage('');
      await afterChange({ kind: outcome.status === 'created' ? 'published' : 'unchanged', release: outcome.release });
    } catch (failure) {
      setProblem(failure as Error);
      const issues = serverIssues(failure).filter((issue) => issue.path === 'message');
      if (issues.length > 0) setMessageIssues(issues);
      await reload();
    } finally {
      setWorking(false);
    }
  };

  const onDiscard = async () => {
    setProblem(undefined);
    setWorking(true);
    try {
      await consoleRequest('DELETE', paths.draft, z.undefined());
      setConfirmingDiscard(false);
      await afterChange({ kind: 'discarded' });
    } catch (failure) {
      setProblem(failure as Error);
    } finally {
      setWorking(false);
    }
  };

  const nextRelease = (draft.latestRelease ?? 0) + 1;

  return (
    <section aria-labelledby="publish-title">
      <h1 id="publish-title">{t('publish.title')}</h1>
      {!canEdit && <p className="notice">{t('publish.readOnly')}</p>}
      <p className="console-saved" role="status">
        {status?.kind === 'published' && t('publish.published', { number: status.release })}
        {status?.kind === 'unchanged' && t('publish.unchanged', { number: status.release })}
        {status?.kind === 'discarded' && t('publish.discarded')}
      </p>
      {problem && <ConsoleProblem error={problem} />}

      <h2>{t('publish.changesTitle')}</h2>
      {nothingToPublish ? (
        <p>
          {draft.latestRelease === null
            ? t('publish.nothingYet')
            : t('publish.nothing', { number: draft.latestRelease })}
        </p>
      ) : (
        <ChangeList changes={draft.changes} linkTo={(key) => recordEditorPage(jurisdictionId, key)} />
      )}

      <h2>{t('publish.issuesTitle')}</h2>
      {blocked ? (
        <>
          <p className="field-error">{t('publish.blocked', { count: draft.issues.length })}</p>
          <ul>
            {draft.issues.map((issue, index) => {
              const key = draft.issueKeys[index] ?? 'jurisdiction';
              return (
                <li key={`${key}-${issue.path.join('.')}-${issue.message}`}>
                  <Link to={recordEditorPage(jurisdictionId, key)}>{nameOf(key)}</Link>
                  {': '}
                  <span className="field-hint">{issue.path.join(' › ')}</span> {issue.message}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>{t('publish.noIssues')}</p>
      )}

      <h2>{t('publish.previewTitle')}</h2>
      <p>{t('publish.previewExplain')}</p>
      <div className="console-toolbar">
        <Link className="action" to={jurisdictionPage(jurisdictionId, 'preview')}>
          {t('preview.route')}
        </Link>
        <Link className="action" to={jurisdictionPage(jurisdictionId, 'preview/providers')}>
          {t('preview.providers')}
        </Link>
        <Link className="action" to={jurisdictionPage(jurisdictionId, 'preview/checklists')}>
          {t('preview.checklists')}
        </Link>
      </div>

      {canEdit && (
        <>
          <h2>{t('publish.publishTitle', { number: nextRelease })}</h2>
          <form onSubmit={(event) => void onPublish(event)} noValidate>
            <div className="field">
              <label htmlFor="publish-message">{t('publish.message')}</label>
              <p id="publish-message-hint" className="field-hint">
                {t('publish.messageHint')}
              </p>
              <textarea
                id="publish-message"
                rows={3}
                maxLength={500}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
                aria-invalid={messageIssues.length > 0 || undefined}
                aria-describedby={describedBy('publish-message', messageIssues, true)}
              />
              <FieldProblems id="publish-message" issues={messageIssues} />
            </div>
            <button
              type="submit"
              className="action action-primary"
              disabled={working || blocked || nothingToPublish}
              aria-describedby="publish-state"
            >
              {t('publish.submit', { number: nextRelease })}
            </button>
            <p id="publish-state" className="field-hint">
              {blocked
                ? t('publish.fixFirst')
                : nothingToPublish
                  ? t('publish.nothingShort')
                  : t('publish.devicesWill')}
            </p>
          </form>

          <h2>{t('publish.discardTitle')}</h2>
          <p>{t('publish.discardExplain')}</p>
          {confirmingDiscard ? (
            <ConfirmStep
              question={
                draft.latestRelease === null
                  ? t('publish.discardQuestionNoRelease')
                  : t('publish.discardQuestion', { count: draft.changes.length, number: draft.latestRelease })
              }
              confirm={t('publish.discardConfirm')}
              cancel={t('publish.discardCancel')}
              working={working}
              onConfirm={() => void onDiscard()}
              onCancel={() => setConfirmingDiscard(false)}
            />
          ) : (
            <button type="button" className="action" onClick={() => setConfirmingDiscard(true)}>
              {t('publish.discard')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
