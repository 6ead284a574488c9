import { useId, type Ref } from 'react';

interface OneTimeCodeInputProps {
  label: string;
  hint: string;
  value: string;
  onChange(code: string): void;
  className: string;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The six digits of an identity code, as a phone fills them best: the numeric keypad, the code offered from the
 * message that brought it (autocomplete="one-time-code"), anything but digits dropped as it is typed or pasted.
 */
export function OneTimeCodeInput({ label, hint, value, onChange, className, inputRef }: OneTimeCodeInputProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className={className}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        value={value}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 6))}
        autoFocus
      />
      <p id={hintId} className="field-hint">
        {hint}
      </p>
    </div>
  );
}
