import type { DefaultStageKey } from '../documents/stages';
import type { Rule, Trigger } from './automation';

/**
 * What a company starts with (issue 9, item 3), the seed's own example: when the company's signer signs, a trigger
 * moves the document to "Sent to counterparty"; entering it sends the document to the counterparty; when everyone has
 * signed, a trigger moves it to "Signed", whose rule e-mails the sealed PDF to every party. Stages by key: each install
 * has its own ids for Signet's stages.
 */
export function defaultPipeline(stageId: (key: DefaultStageKey) => string, newId: () => string): { triggers: Trigger[]; rules: Rule[] } {
  const sent = stageId('sentCounterparty');
  const signed = stageId('signed');
  return {
    triggers: [
      { id: newId(), stageId: sent, event: 'companySigned', enabled: true },
      { id: newId(), stageId: signed, event: 'allSigned', enabled: true },
    ],
    rules: [
      { id: newId(), stageId: sent, action: { kind: 'sendForSignature' }, timing: { kind: 'immediately' }, enabled: true, position: 0 },
      { id: newId(), stageId: signed, action: { kind: 'emailSealed', to: [], toParties: true }, timing: { kind: 'immediately' }, enabled: true, position: 0 },
    ],
  };
}
