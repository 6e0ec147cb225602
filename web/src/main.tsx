import { render } from 'preact';
import { Hall } from './hall.tsx';
import { locale, setLocale, t } from './i18n.ts';
import { useSignal } from './signal.ts';
import './styles.css';
import { loadVocabularies } from './vocabularies.ts';

function App() {
  const l = useSignal(locale);
  return (
    <>
      <header class="top">
        <div class="brand">
          <strong>{t('appName')}</strong>
          <span>{t('tagline')}</span>
        </div>
        <nav>
          <a href="/" aria-current="page">
            {t('hall')}
          </a>
          <a href="/api/docs">{t('apiDocs')}</a>
          <button type="button" class="lang" onClick={() => setLocale(l === 'en' ? 'zh-CN' : 'en')}>
            {l === 'en' ? '中文' : 'English'}
          </button>
        </nav>
      </header>
      <main>
        <Hall />
      </main>
    </>
  );
}

document.documentElement.lang = locale.get();
void loadVocabularies();
const root = document.getElementById('app');
if (root) render(<App />, root);
