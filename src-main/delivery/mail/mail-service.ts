import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { mailTestInput } from '../../../src-shared/delivery/mail-settings';
import type { OutboxItem } from '../../../src-shared/delivery/outbox';
import type { ServiceContext } from '../../services/context';
import { enqueue } from '../outbox/enqueue';
import { getOutboxItem } from '../outbox/outbox-service';
import { readStoredMail } from './mail-settings';
import { testMail } from './templates/messages';

/** How long `mail.test` waits for the first attempt's outcome before answering "queued". */
const testWaitMs = 20_000;

/**
 * Queues a test e-mail through the outbox like any other message (so it also proves the worker runs), then waits for
 * the first attempt and reports it: sent, failed with the server's words, or still queued with the reason and the
 * next try when the server could not be reached.
 */
export async function sendTestMail(ctx: ServiceContext, input: z.output<typeof mailTestInput>, waitMs = testWaitMs): Promise<OutboxItem> {
  if (!(await readStoredMail(ctx))) throw new AppError('VALIDATION', 'mailUi.notConfigured');
  const company = (await ctx.db.selectFrom('company').select('name').where('id', '=', 1).executeTakeFirst())?.name ?? 'Signet';
  const { id } = await enqueue(ctx, { channel: 'email', to: input.to, ...testMail(input.language, { company }), purpose: 'test' });
  const until = Date.now() + waitMs;
  let cursor = (await ctx.events.wait(-1, 0)).cursor;
  for (;;) {
    const item = await getOutboxItem(ctx, id);
    const attempted = item.status === 'sent' || item.status === 'failed' || (item.status === 'queued' && item.attempts > 0);
    const left = until - Date.now();
    if (attempted || left <= 0) return item;
    cursor = (await ctx.events.wait(cursor, left)).cursor;
  }
}
