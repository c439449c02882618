import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ScreenFailed() {
  const { t } = useTranslation('console');
  return (
    <div className="notice" role="alert">
      <p>{t('problem.screenFailed')}</p>
      <button type="button" className="action" onClick={() => window.location.reload()}>
        {t('problem.reload')}
      </button>
    </div>
  );
}

/**
 * A screen that fails to load (its chunk cannot be fetched without a connection) or to render
 * shows a sentence and a reload button instead of blanking the whole console. Keyed by the
 * page, so moving to another screen tries again.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('A console screen failed', error);
  }

  override render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}
