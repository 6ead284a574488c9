import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactKind } from '../../src-shared/contacts/schema';
import { api } from '../api';
import { errorText } from '../i18n/format-error';
import { contactDisplayName, displayPhone } from '../sections/contacts/format';

interface ContactQuickPickProps {
  label: string;
  onPick(contact: Contact): void;
  /** Only these kinds (e.g. employees when choosing who signs for the company); all when empty. */
  kinds?: ContactKind[];
  limit?: number;
  placeholder?: string;
  hint?: string;
  /** Empty the input after a pick (a "find" box) or show the picked name (a "choose" field). */
  clearOnPick?: boolean;
  debounceMs?: number;
}

/**
 * Type-ahead contact picker following the ARIA combobox pattern: the focus stays in the input, the highlighted
 * option is announced through aria-activedescendant; Up/Down move, Enter picks, Escape closes (then clears).
 */
export function ContactQuickPick({
  label,
  onPick,
  kinds = [],
  limit = 8,
  placeholder,
  hint,
  clearOnPick = true,
  debounceMs = 200,
}: ContactQuickPickProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const hintId = `${baseId}-hint`;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<Contact[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Debounced type-ahead; `seq` drops answers to anything but the latest text. */
  const search = (value: string) => {
    window.clearTimeout(timer.current);
    const query = value.trim();
    const mine = ++seq.current;
    if (!query) {
      setOptions([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer.current = window.setTimeout(() => {
      api
        .call('contacts.list', { query, kinds, limit, sort: 'name' })
        .then((page) => {
          if (seq.current !== mine) return;
          setOptions(page.items);
          setActive(page.items.length > 0 ? 0 : -1);
          setError(null);
        })
        .catch((e: unknown) => {
          if (seq.current !== mine) return;
          setOptions([]);
          setError(errorText(t, e));
        })
        .finally(() => {
          if (seq.current === mine) setSearching(false);
        });
    }, debounceMs);
  };

  const changeText = (value: string) => {
    setText(value);
    search(value);
  };

  const pick = (contact: Contact) => {
    onPick(contact);
    setOpen(false);
    setActive(-1);
    search(''); // cancels a pending search and empties the options
    setText(clearOnPick ? '' : contactDisplayName(contact));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((i) => (options.length === 0 ? -1 : Math.min(i + 1, options.length - 1)));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((i) => (options.length === 0 ? -1 : Math.max(i - 1, 0)));
        break;
      case 'Enter': {
        const chosen = open ? options[active] : undefined;
        if (chosen) {
          event.preventDefault();
          pick(chosen);
        }
        break;
      }
      case 'Escape':
        if (open && text) {
          event.preventDefault();
          event.stopPropagation(); // Do not close a dialog the picker sits in.
          setOpen(false);
        } else if (text) {
          event.preventDefault();
          event.stopPropagation();
          changeText('');
        }
        break;
      default:
        break;
    }
  };

  const showList = open && text.trim() !== '';
  const optionId = (i: number) => `${baseId}-opt-${i}`;
  const statusText = !text.trim()
    ? ''
    : searching
      ? t('quickPick.searching')
      : error
        ? error
        : options.length === 0
          ? t('quickPick.noMatches')
          : t('quickPick.results', { count: options.length });

  return (
    <div className="quick-pick">
      <label htmlFor={inputId}>{label}</label>
      <div className="quick-pick-box">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 && options[active] ? optionId(active) : undefined}
          aria-describedby={hint ? hintId : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            changeText(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => text && setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label={label} className="quick-pick-list" hidden={!showList}>
          {options.map((c, i) => (
            <li
              key={c.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown would blur the input (closing the list) before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(c)}
            >
              <span className="option-name">{contactDisplayName(c)}</span>
              <span className="option-meta">
                {[c.companyName, c.email, displayPhone(c.phone)].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
        {showList && options.length === 0 ? <div className="quick-pick-empty">{statusText}</div> : null}
      </div>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <span className="visually-hidden" role="status" aria-live="polite">
        {showList ? statusText : ''}
      </span>
    </div>
  );
}
