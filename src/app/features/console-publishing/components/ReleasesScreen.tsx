import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import {
  ConsoleReleaseSchema,
  consolePaths,
  PublishOutcomeSchema,
  ReleaseDiffSchema,
  RollbackRequestSchema,
} from '../../../../core/console/protocol';
import { consoleRequest } from '../../../console/api';
import { ChangeList } from '../../../console/ChangeList';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { describedBy, FieldProblems } from '../../../console/form';
import { type FieldIssue, useDescribeIssues } from '../../../console/issues';
import { useConsoleJurisdictions } from '../../../console/jurisdictions';
import { useConsoleQuery } from '../../../console/query';
import { ConfirmStep } from './ConfirmStep';

const ReleaseListSchema = z.array(ConsoleReleaseSchema);
type Diff = z.infer<typeof ReleaseDiffSchema>;

function ReleaseNumberSelect({
  id,
  label,
  value,
  numbers,
  onChange,
}: {
  id: string;
  label: string;
  value: number | undefined;
  numbers: number[];
  onChange(value: number): void;
}) {
  const { t } = useTranslation('console');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(Number(event.target.value))}>
        {numbers.map((number) => (
          <option key={number} value={number}>
            {t('releases.option', { number })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Compare any two releases: what the later one changed from the earlier one. */
function DiffPanel({ jurisdictionId, numbers }: { jurisdictionId: string; numbers: number[] }) {
  const { t } = useTranslation('console');
  const [to, setTo] = useState(numbers[0]);
  const [from, setFrom] = useState(numbers[1] ?? numbers[0]);
  const [diff, setDiff] = useState<Diff>();
  const [problem, setProblem] = useState<Error>();
  const [working, setWorking] = useState(false);

  const onCompare = async (event: FormEvent) => {
    event.preventDefault();
    if (to === undefined || from === undefined) return;
    setWorking(true);
    setProblem(undefined);
    try {
      setDiff(await consoleRequest('GET', consolePaths.jurisdiction(jurisdictionId).diff(to, from), ReleaseDiffSchema));
    } catch (failure) {
      setProblem(failure as Error);
    } finally {
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t('releases.diffTitle')}</h2>
      <form onSubmit={(event) => void onCompare(event)} className="field-pair">
        <ReleaseNumberSelect
          id="diff-from"
          label={t('releases.from')}
          value={from}
          numbers={numbers}
          onChange={setFrom}
        />
        <ReleaseNumberSelect id="diff-to" label={t('releases.to')} value={to} numbers={numbers} onChange={setTo} />
        <div className="field">
          <button type="submit" className="action action-primary" disabled={working || from === to}>
            {t('releases.compare')}
          </button>
        </div>
      </form>
      {problem && <ConsoleProblem error={problem} />}
      <div role="status">
        {diff && (
          <>
            <p>{t('releases.diffResult', { from: diff.from, to: diff.to, count: diff.changes.length })}</p>
            <ChangeList changes={diff.changes} />
          </>
        )}
      </div>
    </section>
  );
}

/** Republish an earlier release's content as a new release (which also becomes the draft). */
function RollbackPanel({
  jurisdictionId,
  numbers,
  onDone,
}: {
  jurisdictionId: string;
  numbers: number[];
  onDone(outcome: z.infer<typeof PublishOutcomeSchema>, from: number): Promise<void>;
}) {
  const { t } = useTranslation('console');
  const describeIssues = useDescribeIssues();
  const earlier = numbers.slice(1);
  const [release, setRelease] = useState(earlier[0]);
  const [message, setMessage] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Error>();

  if (earlier.length === 0 || release === undefined) return <p>{t('releases.nothingToRollBack')}</p>;

  const request = () => RollbackRequestSchema.safeParse({ release, message });
  const onAsk = (event: FormEvent) => {
    event.preventDefault();
    const parsed = request();
    if (!parsed.success) return setIssues(describeIssues(parsed.error));
    setIssues([]);
    setConfirming(true);
  };
  const onConfirm = async () => {
    const parsed = request();
    if (!parsed.success) return;
    setWorking(true);
    setProblem(undefined);
    try {
      const outcome = await consoleRequest(
        'POST',
        consolePaths.jurisdiction(jurisdictionId).rollbacks,
        PublishOutcomeSchema,
        parsed.data,
      );
      setConfirming(false);
      setMessage('');
      await onDone(outcome, parsed.data.release);
    } catch (failure) {
      setProblem(failure as Error);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form onSubmit={onAsk} noValidate>
      <p>{t('releases.rollbackExplain')}</p>
      <ReleaseNumberSelect
        id="rollback-release"
        label={t('releases.rollbackRelease')}
        value={release}
        numbers={earlier}
        onChange={(value) => {
          setRelease(value);
          setConfirming(false);
        }}
      />
      <div className="field">
        <label htmlFor="rollback-message">{t('releases.rollbackMessage')}</label>
        <textarea
          id="rollback-message"
          rows={2}
          maxLength={500}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          aria-invalid={issues.length > 0 || undefined}
          aria-describedby={describedBy('rollback-message', issues)}
        />
        <FieldProblems id="rollback-message" issues={issues.filter((issue) => issue.path === 'message')} />
      </div>
      {problem && <ConsoleProblem error={problem} />}
      {confirming ? (
        <ConfirmStep
          question={t('releases.rollbackQuestion', { number: release, latest: numbers[0] })}
          confirm={t('releases.rollbackConfirm', { number: release })}
          cancel={t('releases.rollbackCancel')}
          working={working}
          onConfirm={() => void onConfirm()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <button type="submit" className="action">
          {t('releases.rollback', { number: release })}
        </button>
      )}
    </form>
  );
}

/** /admin/j/:jurisdictionId/releases: every release, the diff between any two, and rollback. */
export function ReleasesScreen() {
  const { t, i18n } = useTranslation('console');
  const { jurisdictionId = '' } = useParams();
  const jurisdictions = useConsoleJurisdictions();
  const canEdit = jurisdictions.data?.find((j) => j.id === jurisdictionId)?.canEdit ?? false;
  const {
    data: releases,
    error,
    reload,
  } = useConsoleQuery(consolePaths.jurisdiction(jurisdictionId).releases, ReleaseListSchema);
  const [status, setStatus] = useState<string>();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = releases?.map((release) => release.number) ?? [];

  return (
    <section aria-labelledby="releases-title">
      <h1 id="releases-title">{t('releases.title')}</h1>
      <p className="console-saved" role="status">
        {status}
      </p>
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!releases && !error && <p className="loading">{t('shell.loading')}</p>}
      {releases?.length === 0 && <p>{t('releases.none')}</p>}
      {releases && releases.length > 0 && (
        <>
          <table className="console-table">
            <caption className="visually-hidden">{t('releases.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('releases.number')}</th>
                <th scope="col">{t('releases.date')}</th>
                <th scope="col">{t('releases.message')}</th>
                <th scope="col">{t('releases.who')}</th>
                <th scope="col">{t('releases.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((release) => (
                <tr key={release.number}>
                  <th scope="row">{release.number}</th>
                  <td>{when.format(new Date(release.publishedAt))}</td>
                  <td>{release.message ?? t('releases.noMessage')}</td>
                  <td>{release.publishedBy ?? t('releases.commandLine')}</td>
                  <td>
                    {release.changes.length === 0 ? (
                      t('releases.noChanges')
                    ) : (
                      <details>
                        <summary>{t('releases.changeCount', { count: release.changes.length })}</summary>
                        <ChangeList changes={release.changes} />
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {numbers.length > 1 && <DiffPanel jurisdictionId={jurisdictionId} numbers={numbers} />}
          {canEdit && (
            <section aria-labelledby="rollback-title">
              <h2 id="rollback-title">{t('releases.rollbackTitle')}</h2>
              <RollbackPanel
                jurisdictionId={jurisdictionId}
                numbers={numbers}
                onDone={async (outcome, from) => {
                  setStatus(
                    outcome.status === 'created'
                      ? t('releases.rolledBack', { number: outcome.release, from })
                      : t('releases.rollbackUnchanged', { number: outcome.release }),
                  );
                  await Promise.all([reload(), jurisdictions.reload()]);
                }}
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}
