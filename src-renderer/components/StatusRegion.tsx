import { useAppStore } from '../state/app-store';
import { LiveStatus } from './LiveStatus';

/** The app's live region, showing the app store's status message (see `LiveStatus`). */
export function StatusRegion() {
  const status = useAppStore((s) => s.status);
  const clear = useAppStore((s) => s.clearStatus);
  return <LiveStatus status={status} onClear={clear} />;
}
