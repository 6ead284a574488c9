import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/format-error';

interface ErrorNoticeProps {
  error: unknown;
  /** Validation issues already shown beside their fields are left out here. */
  omitFields?: readonly string[];
  onRetry?: () => void;
  id?: string;
}

/** A translated error, with validation issues listed as "<field>: <message>". Announced as an alert. */
export function ErrorNotice({ error, omitFields = [], onRetry, id }: ErrorNoticeProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const described = describeError(t, error);
  const issues = described.issues.filter((i) => !omitFields.includes(i.field));
  return (
    <div className="notice notice-error" role="alert" id={id}>
      <p>{described.message}</p>
      {issues.length > 0 ? (
        <ul>
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.label}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
