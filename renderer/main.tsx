// Renderer entry: configure zod for the CSP first, then mount the app behind the profile lock (or,
// opened by an empty server's set-up link, the page that creates its first administrator).
import './zod-setup';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installRussianValidity } from './lib/russian-validity';
import { registerOfflineCopy } from './offline/register';
import { installCspViolationLogger } from './security/csp-report';
import { SecurityGate } from './security/SecurityGate';
import { setupCodeOf } from './setup-link/setup-link-form';
import { SetupLinkScreen } from './setup-link/SetupLinkScreen';

installCspViolationLogger(document);
installRussianValidity(document);
registerOfflineCopy();

function Root() {
  const [setupCode, setSetupCode] = useState(() => setupCodeOf(location.search));
  if (setupCode !== null) {
    return (
      <SetupLinkScreen
        code={setupCode}
        onDone={() => {
          // The code leaves the address bar; the journal opens on «Школа → Настройка».
          history.replaceState(null, '', `${location.pathname}#/school/setup`);
          setSetupCode(null);
        }}
      />
    );
  }
  return (
    <SecurityGate>
      {(unlocked) => (
        <App key={unlocked.session} database={unlocked.database} menu={unlocked.menu} />
      )}
    </SecurityGate>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
