import { useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore, type StoreApi } from 'zustand';
import { copyText } from './copy-text';
import { DropZone } from './DropZone';
import { formatSize, reportText } from './format';
import { ReportView } from './ReportView';
import type { VerifyStore } from './verify-checks';

const percentOf = (p: { done: number; total: number }) => (p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0);

const hasFiles = (e: { dataTransfer: DataTransfer | null }) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

interface VerifyPanelProps {
  /** Where the checks go (the desktop's `pdf.verify`, the portal's server): see `createVerifyStore`. */
  store: StoreApi<VerifyStore>;
  announce(text: string, tone?: 'info' | 'error'): void;
  /** The page's heading and lead, above the drop zone or the report; `labelledBy` is the heading's id. */
  header: ReactNode;
  labelledBy: string;
  /** The largest file taken, for the drop zone's hint (the desktop's limit when not given). */
  limitMb?: number;
}

/**
 * Verification: drop a PDF (or pick one), and see whether it is intact, who sealed it and whether that certificate is
 * trusted. The PDF is checked where `store` sends it and is not stored; the preview draws the same File here. The
 * section accepts a drop anywhere on it, also over a report (to check the next file straight away), but not while a
 * check is running. The desktop's Verify section and the portal's /verify page are this, with their own headers.
 */
export function VerifyPanel({ store, announce, header, labelledBy, limitMb }: VerifyPanelProps) {
  const { t, i18n } = useTranslation();
  const state = useStore(store, (s) => s.state);
  const check = useStore(store, (s) => s.check);
  const reset = useStore(store, (s) => s.reset);
  const inputRef = useRef<HTMLInputElement>(null);
  const verdictRef = useRef<HTMLHeadingElement>(null);
  const busyRef = useRef<HTMLDivElement>(null);
  const busyTitleId = useId();
  const stepId = useId();
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const accepting = state.phase !== 'checking';

  // Focus follows the work: to the progress while checking, to the verdict when it arrives, and back to "Choose a PDF…"
  // after an error or "Check another file". Only on changes: on arrival the shell has already focused the heading.
  const previousPhase = useRef(state.phase);
  useEffect(() => {
    const previous = previousPhase.current;
    previousPhase.current = state.phase;
    if (previous === state.phase) return;
    if (state.phase === 'report') verdictRef.current?.focus();
    else if (state.phase === 'checking') busyRef.current?.focus();
    else inputRef.current?.focus();
  }, [state.phase]);

  // A file dropped beside the section (on the navigation, say) must not make the window open the PDF instead of the app.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (e.defaultPrevented || !hasFiles(e)) return;
      e.preventDefault();
      if (e.type === 'dragover' && e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const start = (file: File) => void check(file);

  const dropHandlers = {
    onDragEnter: (e: DragEvent) => {
      if (!accepting || !hasFiles(e)) return;
      e.preventDefault();
      dragDepth.current++;
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!accepting || !hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: () => {
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      dragDepth.current = 0;
      setDragging(false);
      if (!accepting || !hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer.files[0];
      if (file) start(file);
    },
  };

  const copyReport = async () => {
    if (state.phase !== 'report') return;
    const copied = await copyText(reportText(t, i18n.language, state.report, state.file));
    announce(t(copied ? 'verifyPage.copied' : 'verifyPage.copyFailed'), copied ? 'info' : 'error');
  };

  return (
    <section
      className={`section verify-section${dragging ? ' verify-dragging' : ''}`}
      aria-labelledby={labelledBy}
      aria-busy={state.phase === 'checking'}
      {...dropHandlers}
    >
      {header}

      {state.phase === 'report' ? (
        <ReportView report={state.report} file={state.file} pdf={state.pdf} verdictRef={verdictRef} onCheckAnother={reset} onCopy={() => void copyReport()} />
      ) : state.phase === 'checking' ? (
        <div className="card verify-busy" ref={busyRef} tabIndex={-1} role="group" aria-labelledby={busyTitleId}>
          <p id={busyTitleId} className="verify-busy-title">
            {t('verifyPage.checking', { name: state.file.name })}
          </p>
          {/* No value until the first report arrives: an honest "working" bar rather than a made-up percentage. */}
          <progress
            className="verify-progress"
            aria-labelledby={busyTitleId}
            aria-describedby={stepId}
            {...(state.progress ? { value: state.progress.done, max: Math.max(1, state.progress.total) } : {})}
          />
          <p id={stepId} className="verify-step">
            {state.progress ? t('verifyPage.progress', { step: t(`verifyPage.phase.${state.progress.phase}`), percent: percentOf(state.progress) }) : t('verifyPage.phase.start')}
          </p>
          <p className="muted verify-note">
            {formatSize(state.file.size, i18n.language)} · {t('verifyPage.checkingHint')}
          </p>
        </div>
      ) : (
        <DropZone onFile={start} dragging={dragging} error={state.error} inputRef={inputRef} {...(limitMb ? { limitMb } : {})} />
      )}
    </section>
  );
}
