import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormButtons } from '../../components/FormButtons';
import { AppError } from '../../../src-shared/contract/errors';
import { maxP12Bytes } from '../../../src-shared/identity/types';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { asAppError, describeError } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { formatLimit, withLocalDates } from './identity-format';
import { useIdentityStore } from './identity-store';
import { LabelledInput } from './LabelledInput';
import { readUpload } from './read-upload';

type Target = 'file' | 'password' | 'form';

/** Which control a refusal is about, so its message sits at that control and focus goes back there. */
function targetOf(error: unknown): Target {
  const { code, messageKey } = asAppError(error);
  if (messageKey === 'identity.p12.wrongPassword') return 'password';
  if (code === 'VALIDATION' && (messageKey.startsWith('identity.p12.') || messageKey.startsWith('identityUi.'))) return 'file';
  if (messageKey === 'verifyPage.readFailed') return 'file';
  return 'form';
}

/** Makes a PKCS#12 (.p12/.pfx) the company seal. The old seal stays on record, so what it sealed still verifies. */
export function ImportP12Dialog({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const importP12 = useIdentityStore((s) => s.importP12);
  const announce = useAppStore((s) => s.announce);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const shown = error ? withLocalDates(error, i18n.language) : null;
  const target = shown ? targetOf(shown) : null;
  const message = shown && target !== 'form' ? describeError(t, shown).message : undefined;

  // After a refusal, focus goes to the control to fix; a wrong password is selected so typing replaces it.
  useEffect(() => {
    if (target === 'password') passwordRef.current?.select();
    if (target === 'file') fileRef.current?.focus();
  }, [error, target]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError(new AppError('VALIDATION', 'identityUi.import.noFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const status = await importP12(await readUpload(file, maxP12Bytes), password);
      announce(t('identityUi.import.done', { subject: status.seal?.subject ?? file.name }));
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('identityUi.import.title')}
      onClose={onClose}
      footer={<FormButtons form="import-p12-form" busy={busy} submitLabel={t('identityUi.import.submit')} busyLabel={t('identityUi.import.busy')} onCancel={onClose} />}
    >
      <form id="import-p12-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <p>{t('identityUi.import.lead')}</p>
        <LabelledInput
          label={t('identityUi.import.file')}
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          inputRef={fileRef}
          hint={t('identityUi.import.fileHint', { size: formatLimit(maxP12Bytes) })}
          error={target === 'file' ? message : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <LabelledInput
          label={t('identityUi.import.password')}
          type="password"
          autoComplete="off"
          inputRef={passwordRef}
          value={password}
          hint={t('identityUi.import.passwordHint')}
          error={target === 'password' ? message : undefined}
          onChange={(e) => {
            setPassword(e.target.value);
            if (target === 'password') setError(null);
          }}
        />
      </form>
      {target === 'form' ? <ErrorNotice error={shown} /> : null}
    </Dialog>
  );
}
