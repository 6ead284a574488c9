import { parentPort, workerData } from 'node:worker_threads';
import { loadSealer } from '../seal/sealer';
import { composeAndSealWith, type SealJob } from './compose-and-seal';
import type { SealThreadData, SealThreadReply } from './seal-thread';

/*
 * The seal thread's own program (built to out/main/seal-worker.js): it opens the seal itself (the PKCS#12 file, its
 * password from the environment it inherited; a private key cannot be posted between threads), then composes and
 * seals each job it is sent, one at a time, answering with the bytes or the error's message and message key.
 */
const data = workerData as SealThreadData;
const ready = loadSealer(data.p12File).then((sealer) => composeAndSealWith(sealer, data.resourcesDir));

parentPort!.on('message', (message: { id: number; job: SealJob }) => {
  ready
    .then((run) => run(message.job))
    .then(
      (bytes) => parentPort!.postMessage({ id: message.id, bytes } satisfies SealThreadReply, [bytes.buffer as ArrayBuffer]),
      (error: unknown) => {
        const e = error as { message?: string; messageKey?: string };
        parentPort!.postMessage({ id: message.id, error: { message: e.message ?? String(error), ...(e.messageKey ? { messageKey: e.messageKey } : {}) } } satisfies SealThreadReply);
      },
    );
});
