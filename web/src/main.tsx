import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startI18n } from './i18n';
import './ui/base.css';
import './ui/layout.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

void startI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
