import type { ServiceContext } from '../services/context';
import type { ChannelKind, DeliveryChannel } from './channel';
import { createSmtpChannel } from './mail/smtp-channel';
import { createSmsChannel } from './sms/sms-channel';

/** Every way a message can leave this install, by kind; the outbox worker picks the one a row names. */
export function deliveryChannels(ctx: ServiceContext): Map<ChannelKind, DeliveryChannel> {
  const channels: DeliveryChannel[] = [createSmtpChannel(ctx), createSmsChannel(ctx)];
  return new Map(channels.map((c) => [c.kind, c]));
}
