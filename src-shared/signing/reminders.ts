/**
 * Reminders to signers whose turn it is and who have not acted: by hand ("Send reminder") and every N days.
 * What the main side answers and the panel shows.
 */

/**
 * No second reminder to the same signer within this time, by hand or automatically: enough to absorb a double click
 * or an impatient repeat, short enough to send again after fixing a wrong address.
 */
export const reminderCooldownMs = 15 * 60_000;

/**
 * Why a signer whose turn it is gets no reminder: they sign in person here (nothing to send them), they are an
 * employee without an e-mail address, their channel (a link by e-mail or SMS) needs the company server, or they
 * were reminded moments ago.
 */
export const reminderLeftOutReasons = ['inPerson', 'noEmail', 'needsServer', 'recentlyReminded'] as const;
export type ReminderLeftOutReason = (typeof reminderLeftOutReasons)[number];

export interface ReminderTarget {
  signerId: number;
  name: string;
  channel: 'email' | 'sms';
  /** The address the reminder goes to. */
  to: string;
}

export interface ReminderLeftOut {
  signerId: number;
  name: string;
  reason: ReminderLeftOutReason;
}

/** Who a reminder would reach now and who not (and why), and when the next automatic one goes out. */
export interface ReminderPlan {
  remindable: ReminderTarget[];
  leftOut: ReminderLeftOut[];
  /** Every this many days; absent when the preparer chose no automatic reminders. */
  reminderDays?: number | undefined;
  /** The earliest next automatic reminder to anyone; absent when none will go (off, nobody to remind, past the deadline). */
  nextAutomaticAt?: string | undefined;
}

/** What "Send reminder" did: the signers it wrote to, and those whose turn it is that it could not reach. */
export interface ReminderOutcome {
  reminded: ReminderTarget[];
  leftOut: ReminderLeftOut[];
}
