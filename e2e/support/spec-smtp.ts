import { test } from '@playwright/test';
import { SmtpSink, type SmtpSinkOptions } from '../../src-main/test-support/smtp-sink';

/** One SMTP server on loopback for a spec file: listening before its tests, stopped after them. */
export function specSmtpSink(options: SmtpSinkOptions = {}): SmtpSink {
  const sink = new SmtpSink(options);
  test.beforeAll(async () => {
    await sink.start();
  });
  test.afterAll(async () => {
    await sink.stop();
  });
  return sink;
}
