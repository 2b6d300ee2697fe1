// The print dialog: builds the document in the PDF worker (the screen stays responsive), shows a
// preview, and saves it (native dialog in the desktop app, a download in the browser) or opens it
// in the system viewer (a new tab in the browser).
import { useEffect, useId, useRef, useState } from 'react';
import { getBridge } from '../bridge';
import { buildPdfInWorker, stopPdfWorker } from './build-pdf';
import {
  documentCount,
  documentCountText,
  printErrorText,
  type BuildProgress,
  type PrintJob,
} from './print-job';

type State =
  | { name: 'building'; progress?: BuildProgress }
  | { name: 'empty' }
  | { name: 'failed'; message: string }
  | { name: 'ready'; bytes: Uint8Array; url: string; summary: string };

interface Props {
  job: PrintJob;
  onClose: () => void;
  /** Shown when the model holds no document (nobody matches the filter). */
  emptyText?: string;
}

export function PrintDialog({ job, onClose, emptyText }: Props) {
  const [state, setState] = useState<State>({ name: 'building' });
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    let streaming = false;
    (async () => {
      let bytes: Uint8Array;
      let summary: string;
      if (job.build) {
        streaming = true;
        const built = await job.build(
          (progress) => {
            if (!cancelled) setState({ name: 'building', progress });
          },
          () => cancelled,
        );
        streaming = false;
        if (cancelled) return;
        if (built.empty) {
          setState({ name: 'empty' });
          return;
        }
        ({ bytes, summary } = built);
      } else {
        const model = await job.model();
        if (cancelled) return;
        if (documentCount(model) === 0) {
          setState({ name: 'empty' });
          return;
        }
        bytes = await buildPdfInWorker({ kind: model.kind, model });
        summary = documentCountText(model);
      }
      if (cancelled) return;
      url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/pdf' }));
      setState({ name: 'ready', bytes, url, summary });
    })().catch((error: unknown) => {
      console.error(error);
      if (!cancelled) setState({ name: 'failed', message: printErrorText(error) });
    });
    return () => {
      cancelled = true;
      // A journal still being drawn is dropped with its worker (the next print starts a new one).
      if (streaming) stopPdfWorker();
      if (url) URL.revokeObjectURL(url);
    };
  }, [job]);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const run = async (action: 'save' | 'open') => {
    if (state.name !== 'ready') return;
    setBusy(true);
    setNotice(null);
    try {
      const bridge = getBridge();
      // One space between words, none at the ends: «Выписки 5А  I четверть» reads as a typo.
      const name = `${job.fileName.replace(/\s+/g, ' ').trim()}.pdf`;
      if (action === 'save') {
        const result = await bridge.savePdf({ suggestedName: name, bytes: state.bytes });
        if (result.status === 'saved')
          setNotice({ text: `Сохранено: ${result.path}`, error: false });
        if (result.status === 'downloaded')
          setNotice({ text: `Файл «${result.fileName}» сохранён в загрузки.`, error: false });
      } else {
        const result = await bridge.openPdf({ name, bytes: state.bytes });
        if (!result.opened)
          setNotice({
            text: 'Не удалось открыть документ: разрешите всплывающие окна или сохраните файл.',
            error: true,
          });
      }
    } catch (error) {
      setNotice({
        text: `${action === 'save' ? 'Не удалось сохранить' : 'Не удалось открыть'} документ: ${printErrorText(error)}`,
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="print-overlay">
      <div className="print-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="print-header">
          <h2 id={titleId}>{job.title}</h2>
          <button ref={closeRef} type="button" onClick={onClose}>
            Закрыть
          </button>
        </header>
        {state.name === 'building' && (
          <div className="print-progress" role="status">
            {state.progress ? (
              <>
                <progress
                  aria-label="Готовим документ"
                  value={state.progress.done}
                  max={Math.max(1, state.progress.total)}
                />
                <p>{state.progress.text}</p>
                <p>
                  Готово: {state.progress.done} из {state.progress.total}
                </p>
              </>
            ) : (
              <>
                <progress aria-label="Готовим документ" />
                <p>Готовим документ…</p>
              </>
            )}
          </div>
        )}
        {state.name === 'empty' && (
          <p className="print-empty" role="status">
            {emptyText ?? 'Нет ни одного документа для печати.'}
          </p>
        )}
        {state.name === 'failed' && (
          <p className="print-error" role="alert">
            {state.message}
          </p>
        )}
        {state.name === 'ready' && (
          <>
            <div className="print-actions">
              <span className="print-summary">{state.summary}</span>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void run('save')}
              >
                Сохранить…
              </button>
              <button type="button" disabled={busy} onClick={() => void run('open')}>
                Открыть для печати
              </button>
            </div>
            {notice && (
              <p className={notice.error ? 'print-error' : 'print-notice'} role="status">
                {notice.text}
              </p>
            )}
            <iframe className="print-preview" title="Предпросмотр документа" src={state.url} />
          </>
        )}
      </div>
    </div>
  );
}
