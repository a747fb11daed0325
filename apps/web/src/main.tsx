// Browser entry point.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { i18nReady } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';
import { App } from './app';

// Zod (the charter's and other shared schemas from @rostra/core) would probe for `new Function` to compile fast
// parsers; the Content-Security-Policy refuses eval, and the probe alone reports a violation. Parse without it.
zodConfig({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');

const root = createRoot(container);
void i18nReady.then(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
