import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { z } from 'zod';
import { ConsoleDeviceSchema, consolePaths } from '../../../../core/console/protocol';
import { formatAge } from '../../../components/format-age';
import { consoleRequest } from '../../../console/api';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { useConsoleQuery } from '../../../console/query';
import { textIn } from '../../../console/text';
import { arrangeDevices, type ConsoleDevice, deviceStatus, shortDeviceId } from './device-status';
import { EnrolmentCodePanel } from './EnrolmentCodePanel';
import './devices.css';

const DeviceListSchema = z.array(ConsoleDeviceSchema);

function useDateFormats() {
  const { i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    when: (iso: string) => dateTime.format(new Date(iso)),
    age: (iso: string) => formatAge(new Date(iso), new Date(), i18n.language),
  };
}

/** One active device: its state in words (never by colour alone), what it holds, and a revoke that asks first. */
function DeviceRow({
  device,
  canEdit,
  onRevoke,
}: {
  device: ConsoleDevice;
  canEdit: boolean;
  onRevoke: (device: ConsoleDevice) => Promise<boolean>;
}) {
  const { t } = useTranslation('console-operations');
  const { when, age } = useDateFormats();
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const status = deviceStatus(device);
  const shortId = shortDeviceId(device.id);

  const revoke = async () => {
    setWorking(true);
    const revoked = await onRevoke(device);
    setWorking(false);
    if (!revoked) setConfirming(false);
  };

  return (
    <tr className={`device-${status}`}>
      <th scope="row">
        <code>{shortId}</code>
      </th>
      <td>
        <span className={status === 'out-of-date' ? 'badge badge-warning' : 'badge'}>
          {status === 'out-of-date' && <span aria-hidden="true">⚠ </span>}
          {t(`devices.status.${status}`)}
        </span>
      </td>
      <td>
        {device.releaseNumber === null
          ? t('devices.noRelease')
          : t('devices.release', { number: device.releaseNumber })}
      </td>
      <td>
        {device.lastSeenAt ? (
          <>
            <time dateTime={device.lastSeenAt}>{age(device.lastSeenAt)}</time>
            <br />
            <span className="hint">{when(device.lastSeenAt)}</span>
          </>
        ) : (
          t('devices.neverSeen')
        )}
      </td>
      <td>
        <time dateTime={device.enrolledAt}>{when(device.enrolledAt)}</time>
      </td>
      {canEdit && (
        <td>
          {!confirming ? (
            <button type="button" className="action action-danger" onClick={() => setConfirming(true)}>
              {t('devices.revoke.start')}
              <span className="visually-hidden"> {shortId}</span>
            </button>
          ) : (
            <div className="notice">
              <p>{t('devices.revoke.confirm', { device: shortId })}</p>
              <div className="actions">
                <button type="button" className="action action-danger" disabled={working} onClick={() => void revoke()}>
                  {t('devices.revoke.yes')}
                </button>
                <button type="button" className="action" disabled={working} onClick={() => setConfirming(false)}>
                  {t('devices.revoke.cancel')}
                </button>
              </div>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}

/**
 * The phones enrolled in a jurisdiction: the release each holds and when it was last seen,
 * those behind the latest release marked in words, revocation, and new enrolment codes.
 */
export function DevicesScreen() {
  const { jurisdictionId = '' } = useParams();
  const { t, i18n } = useTranslation('console-operations');
  const { when } = useDateFormats();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const devices = useConsoleQuery(consolePaths.jurisdiction(jurisdictionId).devices, DeviceListSchema);
  const [actionError, setActionError] = useState<Error>();
  const [announcement, setAnnouncement] = useState('');
  const name = jurisdiction ? textIn(jurisdiction.name, i18n.language) : jurisdictionId;
  const canEdit = jurisdiction?.canEdit ?? false;

  const revoke = async (device: ConsoleDevice): Promise<boolean> => {
    setActionError(undefined);
    try {
      await consoleRequest('POST', consolePaths.jurisdiction(jurisdictionId).deviceRevocation(device.id), z.unknown());
      setAnnouncement(t('devices.revoke.done', { device: shortDeviceId(device.id) }));
      await devices.reload();
      return true;
    } catch (error) {
      setActionError(error as Error);
      return false;
    }
  };

  const { active, revoked } = arrangeDevices(devices.data ?? []);
  const outOfDate = active.filter((device) => deviceStatus(device) === 'out-of-date').length;
  return (
    <section aria-labelledby="devices-title">
      <p className="eyebrow">{name}</p>
      <h1 id="devices-title">{t('devices.title')}</h1>
      <p role="status" aria-live="polite" className="console-saved">
        {announcement}
      </p>
      {canEdit && <EnrolmentCodePanel jurisdictionId={jurisdictionId} jurisdictionName={name} />}
      <section aria-labelledby="devices-enrolled-title">
        <h2 id="devices-enrolled-title">{t('devices.enrolled')}</h2>
        {devices.error && <ConsoleProblem error={devices.error} onRetry={() => void devices.reload()} />}
        {actionError && <ConsoleProblem error={actionError} />}
        {!devices.data && !devices.error && <p className="loading">{t('loading')}</p>}
        {devices.data && (
          <>
            <p>
              {t('devices.summary', { count: active.length })}{' '}
              {outOfDate > 0 && <strong>{t('devices.outOfDateCount', { count: outOfDate })}</strong>}{' '}
              {jurisdiction?.latestRelease != null && t('devices.latest', { number: jurisdiction.latestRelease })}
            </p>
            {active.length > 0 && (
              <div className="devices-table-scroll">
                <table className="console-table">
                  <caption className="visually-hidden">{t('devices.enrolled')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('devices.column.device')}</th>
                      <th scope="col">{t('devices.column.status')}</th>
                      <th scope="col">{t('devices.column.release')}</th>
                      <th scope="col">{t('devices.column.lastSeen')}</th>
                      <th scope="col">{t('devices.column.enrolled')}</th>
                      {canEdit && <th scope="col">{t('devices.column.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {active.map((device) => (
                      <DeviceRow key={device.id} device={device} canEdit={canEdit} onRevoke={revoke} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
      {revoked.length > 0 && (
        <section aria-labelledby="devices-revoked-title">
          <h2 id="devices-revoked-title">{t('devices.revoked')}</h2>
          <p className="hint">{t('devices.revokedExplain')}</p>
          <ul>
            {revoked.map((device) => (
              <li key={device.id}>
                <code>{shortDeviceId(device.id)}</code>{' '}
                {t('devices.revokedAt', { when: when(device.revokedAt ?? device.enrolledAt) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
