import { resolveAssetPath, type AssetResolution, type PathApi } from '../app/renderer-assets';
import { appHost, appScheme } from '../rpc/ipc-handlers';

/*
 * What the `app://` protocol serves for a request, decided without Electron so the rules are unit-tested:
 * only `app://signet/<file under the renderer folder>`; the path rules are the browser host's (renderer-assets.ts).
 */

export type AppRequestResolution = AssetResolution;
export { contentTypeFor, rendererHeaders as appResponseHeaders } from '../app/renderer-assets';

export function resolveAppRequest(requestUrl: string, rootDir: string, method = 'GET', path?: PathApi): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'error', status: 400 };
  }
  if (url.protocol !== `${appScheme}:` || url.hostname !== appHost || url.port !== '' || url.username !== '' || url.password !== '') {
    return { kind: 'error', status: 404 };
  }
  return resolveAssetPath(url.pathname, rootDir, method, path);
}
