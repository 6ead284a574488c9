import '../zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import '../styles/app.css';
import { PortalApp } from './PortalApp';
import { applyInitialPortalLanguage } from './portal-language';
import './portal.css';

/*
 * The company server's portal (issue 6): the signing pages for counterparties and the public verification, built by
 * the same renderer build from the renderer's own components and translations. It talks to its server over plain
 * HTTP (portal-api.ts), never through the desktop's contract transport.
 */
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

applyInitialPortalLanguage();
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <PortalApp />
    </I18nextProvider>
  </StrictMode>,
);
