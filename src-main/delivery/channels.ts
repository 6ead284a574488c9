import type { ServiceContext } from '../services/context';
import type { ChannelKind, DeliveryChannel } from './channel';
import { storedMailSource } from './mail/mail-source';
import { createSmtpChannel } from './mail/smtp-channel';
import { createSmsChannel, storedSmsSource } from './sms/sms-channel';

/** Every way a message can leave this install, by kind; the outbox worker picks the one a row names. */
export function deliveryChannels(ctx: ServiceContext): Map<ChannelKind, DeliveryChannel> {
  return channelRegistry([createSmtpChannel(storedMailSource(ctx), ctx.now), createSmsChannel(storedSmsSource(ctx))]);
}

export function channelRegistry(channels: DeliveryChannel[]): Map<ChannelKind, DeliveryChannel> {
  return new Map(channels.map((c) => [c.kind, c]));
}
