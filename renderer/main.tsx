// Renderer entry: configure zod for the CSP first, then mount the app behind the profile lock.
import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installRussianValidity } from './lib/russian-validity';
import { installCspViolationLogger } from './security/csp-report';
import { SecurityGate } from './security/SecurityGate';

installCspViolationLogger(document);
installRussianValidity(document);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <SecurityGate>
      {(unlocked) => (
        <App key={unlocked.session} database={unlocked.database} menu={unlocked.menu} />
      )}
    </SecurityGate>
  </StrictMode>,
);
