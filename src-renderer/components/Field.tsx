import { useId, type ChangeEvent, type ReactNode } from 'react';

interface BaseProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
  /** Shown but not changeable (a setting the managed policy fixes): still focusable and read out, where the control allows. */
  readOnly?: boolean | undefined;
}

function useFieldIds(error?: string, hint?: string) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, errorId, hintId, describedBy };
}

function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean | undefined }) {
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? (
        <span className="required-mark" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
    </label>
  );
}

function Messages({ error, hint, errorId, hintId }: { error?: string | undefined; hint?: string | undefined; errorId: string; hintId: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

interface TextFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  type?: 'text' | 'email' | 'tel' | 'search';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'search';
  maxLength?: number;
  placeholder?: string;
  autoFocus?: boolean;
}

/** A labelled input; its error (if any) is linked with aria-describedby and marks it aria-invalid. */
export function TextField(props: TextFieldProps) {
  const { id, errorId, hintId, describedBy } = useFieldIds(props.error, props.hint);
  return (
    <div className={`field ${props.className ?? ''}`}>
      <Label htmlFor={id} label={props.label} required={props.required} />
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        // Outside a dialog the attribute focuses on mount; a Dialog looks for data-autofocus after it opens.
        autoFocus={props.autoFocus}
        data-autofocus={props.autoFocus ? '' : undefined}
      />
      <Messages error={props.error} hint={props.hint} errorId={errorId} hintId={hintId} />
    </div>
  );
}

interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, errorId, hintId, describedBy } = useFieldIds(props.error, props.hint);
  return (
    <div className={`field ${props.className ?? ''}`}>
      <Label htmlFor={id} label={props.label} required={props.required} />
      <textarea
        id={id}
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        readOnly={props.readOnly}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      <Messages error={props.error} hint={props.hint} errorId={errorId} hintId={hintId} />
    </div>
  );
}

interface SelectFieldProps<V extends string> extends BaseProps {
  value: V;
  onChange(value: V): void;
  onBlur?(): void;
  options: readonly { value: V; label: string }[];
  children?: ReactNode;
}

/** The `<option>`s of a select, for selects laid out without a field label (table cells). */
export function Options<V extends string>({ options }: { options: readonly { value: V; label: string }[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const { id, errorId, hintId, describedBy } = useFieldIds(props.error, props.hint);
  // A select has no read-only state (disabled would leave the tab order): the chosen option as a read-only text field.
  if (props.readOnly) {
    const chosen = props.options.find((o) => o.value === props.value)?.label ?? props.value;
    return (
      <div className={`field ${props.className ?? ''}`}>
        <Label htmlFor={id} label={props.label} required={props.required} />
        <input id={id} type="text" value={chosen} readOnly aria-describedby={describedBy} />
        <Messages error={props.error} hint={props.hint} errorId={errorId} hintId={hintId} />
      </div>
    );
  }
  return (
    <div className={`field ${props.className ?? ''}`}>
      <Label htmlFor={id} label={props.label} required={props.required} />
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as V)}
        onBlur={props.onBlur}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      >
        <Options options={props.options} />
      </select>
      <Messages error={props.error} hint={props.hint} errorId={errorId} hintId={hintId} />
    </div>
  );
}

interface CheckboxFieldProps extends Omit<BaseProps, 'required'> {
  checked: boolean;
  onChange(checked: boolean): void;
}

/** A labelled checkbox; its hint (what ticking it means) and its error are read out with it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const { id, errorId, hintId, describedBy } = useFieldIds(props.error, props.hint);
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy} />
        {props.label}
      </label>
      <Messages error={props.error} hint={props.hint} errorId={errorId} hintId={hintId} />
    </div>
  );
}
