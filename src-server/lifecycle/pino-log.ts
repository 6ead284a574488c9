import type { FastifyBaseLogger } from 'fastify';
import type { Log } from '../../src-main/app/log';

/** The desktop services' Log over the server's own JSON logger, so code shared with src-main logs into the same stream. */
export function logOf(logger: FastifyBaseLogger): Log {
  return {
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, error, fields) => logger.error({ ...fields, err: error }, msg),
  };
}
