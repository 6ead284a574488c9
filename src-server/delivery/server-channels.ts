import { DeliveryError, type ChannelKind, type DeliveryChannel } from '../../src-main/delivery/channel';
import { channelRegistry } from '../../src-main/delivery/channels';
import type { MailSource } from '../../src-main/delivery/mail/mail-source';
import { createSmtpChannel, type SmtpTimeouts } from '../../src-main/delivery/mail/smtp-channel';
import { createSmsChannel } from '../../src-main/delivery/sms/sms-channel';
import type { ServerDelivery } from '../config/server-config';

/**
 * The desktop's SMTP and SMS channels over the server's settings: server.json and the environment, read once at start
 * (a change takes a restart). A message for a channel server.json leaves out waits in the outbox, retried.
 */
export function serverChannels(delivery: ServerDelivery, now: () => Date, timeouts?: SmtpTimeouts): Map<ChannelKind, DeliveryChannel> {
  const mail: MailSource = {
    read: () => (delivery.mail ? Promise.resolve(delivery.mail) : Promise.reject(new DeliveryError(false, 'SMTP is not set up on the company server (server.json "smtp")'))),
  };
  return channelRegistry([createSmtpChannel(mail, now, timeouts), createSmsChannel({ read: () => Promise.resolve(delivery.sms) })]);
}
