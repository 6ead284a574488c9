import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../src-shared/contract/errors';
import type { PortalDeclined, PortalSigned } from '../../../src-shared/portal/signing-session';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SignView, type SignActions } from '../../sections/signing/SignView';
import { apiCodeOf, portalApi } from '../portal-api';
import { applyLinkLanguage } from '../portal-language';
import { ClosedLinkPage } from './ClosedLinkPage';
import { CodeStep } from './CodeStep';
import { DonePage } from './DonePage';
import { LinkSummary } from './LinkSummary';
import { pageTitleKey, stepOfLink, type PageState } from './link-steps';
import { MessageCard } from './MessageCard';
import { signRequestOf, signSubjectOf } from './portal-subject';

/** A session that ended while the signer was signing: the code asked again in a dialog, then the same call again. */
interface Recheck {
  resolve(): void;
  reject(): void;
}

/**
 * A signer's link (`/s/<token>`): what it is and who asks, the identity code, then the signing screen the desktop uses
 * (SignView) with the portal's calls, then what happens next. A closed link is a page of its own. A session that ends
 * on the way brings the code back: before the document has loaded as the step it was, while signing as a dialog over
 * the screen, so nothing typed, drawn or ticked is lost.
 */
export function SigningLinkPage({ token, onTitle }: { token: string; onTitle(key: string): void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [noticeKey, setNoticeKey] = useState<string | null>(null);
  const [recheck, setRecheck] = useState<Recheck | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(async () => {
    try {
      const link = await portalApi.link(token);
      if (link.state === 'open') applyLinkLanguage(link.language);
      setState(stepOfLink(link, Date.now()));
    } catch (e) {
      setState({ kind: 'failed', error: e });
    }
  }, [token]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const titleKey = pageTitleKey(state);
  useEffect(() => onTitle(titleKey), [titleKey, onTitle]);

  // Each step's heading takes the focus when the page moves to it, so a screen reader hears where it now stands; not
  // on the first one, which opens as any page does. The signing screen focuses its own heading once loaded.
  const shown = useRef(0);
  useEffect(() => {
    if (state.kind === 'loading') return;
    if (shown.current++ > 0) headingRef.current?.focus();
  }, [state.kind]);

  const actions = useMemo<SignActions<PortalSigned | PortalDeclined>>(() => {
    const confirmAgain = () => new Promise<void>((resolve, reject) => setRecheck({ resolve, reject }));
    const inSession = async <T,>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (e) {
        if (apiCodeOf(e) === 'LINK_CLOSED') void reload();
        if (apiCodeOf(e) !== 'SESSION_REQUIRED') throw e;
        // Closed without a code: the refusal stays on the screen, and Sign tries again.
        await confirmAgain().catch(() => Promise.reject(e));
        return call();
      }
    };
    return {
      async load() {
        try {
          // Both at once; the file's refusal is read after the subject's (handled now, so not reported as unhandled).
          const file = portalApi.document();
          file.catch(() => undefined);
          const subject = await portalApi.signingSubject();
          if (subject.status !== 'waiting') {
            // Done from this link already (another tab, a reload after signing).
            setState((s) => ({ kind: 'done', outcome: subject.status === 'signed' ? 'signed' : 'declined', last: false, companyName: s.kind === 'signing' ? s.link.companyName : subject.companyName }));
            throw new AppError('VALIDATION', 'signingUi.nothingToSign');
          }
          return signSubjectOf(subject, await file);
        } catch (e) {
          const apiCode = apiCodeOf(e);
          if (apiCode === 'SESSION_REQUIRED') {
            setNoticeKey('portal.code.sessionEnded');
            setState((s) => (s.kind === 'signing' ? { kind: 'code', link: s.link, sent: false } : s));
          } else if (apiCode === 'LINK_CLOSED') void reload();
          // Anything else (the server away, a refusal) is the page's own failure, with its heading and Try again.
          else setState((s) => (s.kind === 'signing' ? { kind: 'failed', error: e } : s));
          throw e;
        }
      },
      sign: (input) => inSession(() => portalApi.sign(signRequestOf(input))),
      decline: (reason) => inSession(() => portalApi.decline(reason)),
    };
  }, [reload]);

  const settle = (outcome: 'signed' | 'declined', result: PortalSigned | PortalDeclined) =>
    setState((s) => ({ kind: 'done', outcome, last: result.status === 'signed' && result.last, companyName: s.kind === 'signing' ? s.link.companyName : '' }));

  const endRecheck = (passed: boolean) => {
    if (passed) recheck?.resolve();
    else recheck?.reject();
    setRecheck(null);
  };

  switch (state.kind) {
    case 'loading':
      return <p aria-busy="true">{t('common.loading')}</p>;
    case 'failed':
      return (
        <MessageCard title={t('portal.signing.failedTitle')} headingRef={headingRef}>
          <ErrorNotice error={state.error} onRetry={() => void reload()} />
        </MessageCard>
      );
    case 'closed':
      return <ClosedLinkPage token={token} state={state.state} sealedUntil={state.sealedUntil} headingRef={headingRef} />;
    case 'done':
      return <DonePage outcome={state.outcome} last={state.last} companyName={state.companyName} headingRef={headingRef} />;
    case 'locked':
      return (
        <div className="portal-signing">
          <LinkSummary link={state.link} headingRef={headingRef} />
          <section className="card" aria-labelledby="portal-locked-title">
            <h2 id="portal-locked-title">{t('portal.locked.title')}</h2>
            <p>{t('portal.code.locked')}</p>
          </section>
        </div>
      );
    case 'code':
      return (
        <div className="portal-signing">
          <LinkSummary link={state.link} headingRef={headingRef} />
          <CodeStep
            token={token}
            link={state.link}
            alreadySent={state.sent}
            noticeKey={noticeKey}
            onPassed={() => {
              setNoticeKey(null);
              setState({ kind: 'signing', link: state.link });
            }}
            onLocked={() => setState({ kind: 'locked', link: state.link })}
            onClosed={() => void reload()}
          />
        </div>
      );
    case 'signing':
      return (
        <div className="portal-signing">
          <SignView actions={actions} headingRef={headingRef} onDone={settle} />
          {recheck ? (
            <Dialog title={t('portal.code.recheckTitle')} size="small" onClose={() => endRecheck(false)}>
              <CodeStep
                inDialog
                token={token}
                link={state.link}
                alreadySent={false}
                noticeKey="portal.code.recheckLead"
                onPassed={() => endRecheck(true)}
                onLocked={() => {
                  endRecheck(false);
                  setState({ kind: 'locked', link: state.link });
                }}
                onClosed={() => {
                  endRecheck(false);
                  void reload();
                }}
              />
            </Dialog>
          ) : null}
        </div>
      );
  }
}
