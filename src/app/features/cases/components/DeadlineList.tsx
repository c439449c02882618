import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../../../core/route-engine/types';

/** Time windows of care after sexual violence, counted down from the incident. */
export function DeadlineList({ deadlines, now }: { deadlines: Deadline[]; now: Date }) {
  const { t, i18n } = useTranslation('cases');
  if (deadlines.length === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
  return (
    <section className="deadlines" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('deadline.title')}</h2>
      <ul>
        {deadlines.map((deadline) => {
          const what = t(`deadline.kind.${deadline.kind}`, { hours: deadline.windowHours });
          if (deadline.dueAt === null)
            return (
              <li key={deadline.kind} className="deadline deadline-unknown">
                {t('deadline.unknownTime', { what })}
              </li>
            );
          const due = new Date(deadline.dueAt);
          if (deadline.expired)
            return (
              <li key={deadline.kind} className="deadline deadline-passed">
                {t('deadline.passed', { what, time: time.format(due) })}
              </li>
            );
          const minutesLeft = Math.max(0, Math.floor((due.getTime() - now.getTime()) / 60_000));
          return (
            <li key={deadline.kind} className="deadline deadline-open">
              {t('deadline.left', {
                what,
                hours: Math.floor(minutesLeft / 60),
                minutes: minutesLeft % 60,
                time: time.format(due),
              })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
