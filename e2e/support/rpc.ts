import WebSocket from 'ws';
import type { CallName } from '../../src-shared/contract/calls';
import type { CallInput, CallOutput } from '../../src-shared/contract/types';
import { tokenParam, wsPath, type WireResponse } from '../../src-shared/contract/wire';

/**
 * One contract call to the browser host, over its WebSocket as another window would make it: for what a spec needs
 * in place that the UI does not make yet (a document created by a given employee). Throws the refusal if there is one.
 */
export async function callHost<K extends CallName>(pageUrl: string, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const url = new URL(pageUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get(tokenParam) ?? '';
  const socket = new WebSocket(`ws://${url.host}${wsPath}?${tokenParam}=${encodeURIComponent(token)}`);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const response = await new Promise<WireResponse>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as Partial<WireResponse>;
        if (frame.id === 1 && frame.result) resolve(frame as WireResponse);
      });
      socket.once('close', () => reject(new Error(`${name}: the socket closed before the answer`)));
      socket.send(JSON.stringify({ id: 1, name, input }));
    });
    if (!response.result.ok) throw new Error(`${name} refused: ${JSON.stringify(response.result.error)}`);
    return response.result.value as CallOutput<K>;
  } finally {
    socket.close();
  }
}
