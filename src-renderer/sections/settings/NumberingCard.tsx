import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { numberingFor, numberSchemeSchema } from '../../../src-shared/documents/number-scheme';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { fieldErrorsOf } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';

const fields = ['scheme'] as const;

/**
 * The company's document numbering (`UM/{yyyy}/{MM}/{n:4}`): what the next document will be numbered, and, for an
 * administrator, a new scheme with a preview as it is typed. Numbers already given never change.
 */
export function NumberingCard({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const [current, setCurrent] = useState<{ scheme: string; next: string } | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { byField } = fieldErrorsOf(t, error, fields);

  useEffect(() => {
    api.call('documents.numbering.get', {}).then((n) => {
      setCurrent(n);
      setDraft(n.scheme);
    }, setError);
  }, []);

  const valid = numberSchemeSchema.safeParse(draft).success;
  const preview = valid ? numberingFor(draft.trim(), new Date()).format(1) : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('documents.numbering.set', { scheme: draft });
      setCurrent(saved);
      setDraft(saved.scheme);
      setError(null);
      announce(t('numberingUi.saved', { next: saved.next }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-numbering">
      <h2 id="settings-numbering">{t('numberingUi.heading')}</h2>
      <p className="muted">{t('numberingUi.lead')}</p>
      {current ? (
        <p>
          {t('numberingUi.next')} <code data-testid="numbering-next">{current.next}</code>
        </p>
      ) : null}
      {isAdmin ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <TextField
            label={t('numberingUi.scheme')}
            value={draft}
            // A refusal is about what was sent; once the scheme is edited, the preview speaks for it.
            onChange={(value) => {
              setDraft(value);
              setError(null);
            }}
            maxLength={60}
            error={byField.scheme}
            hint={preview ? t('numberingUi.preview', { example: preview }) : t('numberingUi.tokens')}
          />
          <ErrorNotice error={error} omitFields={fields} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || draft.trim() === current?.scheme}>
              {busy ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
