import fs from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import electronUpdater from 'electron-updater';
import type { StartOptions } from '../app/bootstrap';
import { createUpdateController } from '../updates/update-controller';
import { updatePlan } from '../updates/update-plan';

function readIfThere(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The packaged app's updates (issue 10, item 5): electron-updater's autoUpdater, on the plan the policy and this
 * install allow (src-main/updates, tested under Node with the real electron-updater against a local feed).
 */
export function electronUpdates(app: App): NonNullable<StartOptions['updates']> {
  return ({ policy, log, onChange }) =>
    createUpdateController({
      plan: updatePlan(policy.policy, {
        platform: process.platform,
        isPackaged: app.isPackaged,
        execDir: path.dirname(process.execPath),
        productName: app.getName(),
        env: process.env,
        exists: fs.existsSync,
        updateConfig: readIfThere(path.join(process.resourcesPath, 'app-update.yml')),
      }),
      // CommonJS: its named exports come through the default one.
      updater: () => electronUpdater.autoUpdater,
      log,
      now: () => new Date(),
      onChange,
    });
}
