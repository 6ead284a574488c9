/** electron-builder's afterPack hook (electron-builder.yml): the fuses, before the binary is signed. */
import { flipAppFuses } from './lib/app-fuses.mjs';

export default async function afterPack(context) {
  const { binary, fuses } = await flipAppFuses(context);
  console.log(`signet: fuses set in ${binary}: ${Object.entries(fuses).map(([name, on]) => `${name}=${on}`).join(' ')}`);
}
