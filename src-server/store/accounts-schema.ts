/** An employee's account on the company server (migration 010). Flags are 0/1 integers, the same on SQLite and PostgreSQL. */
export interface AccountTable {
  id: string;
  name: string;
  /** Lower-cased, unique: one account per address. */
  email: string;
  department: string | null;
  /** The language of the account's e-mails (en, pl). */
  language: string;
  is_signer: number;
  is_admin: number;
  /** Set while the account is disabled: its devices keep their tokens, every request with one is refused. */
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A one-time enrolment code sent in an invitation: kept as its hash, good until `expires_at`, spent once. */
export interface EnrolmentCodeTable {
  hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The device the code enrolled, once used. */
  device_id: string | null;
}

export interface AccountTables {
  accounts: AccountTable;
  enrolment_codes: EnrolmentCodeTable;
}
