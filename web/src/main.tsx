import { render } from 'preact';
import { AuditPage } from './audit.tsx';
import { BidEditor } from './bid.tsx';
import { CallsPage } from './calls.tsx';
import { Dashboard } from './dashboard.tsx';
import { EvaluationPage } from './evaluation.tsx';
import { EventPage, Events } from './events.tsx';
import { ExpertHome, ScoreSheetPage } from './expert.tsx';
import { ExpertsPage } from './experts.tsx';
import { FirmProfile } from './firm.tsx';
import { Hall } from './hall.tsx';
import { locale, setLocale, t } from './i18n.ts';
import { ImportPage } from './import.tsx';
import { Login } from './login.tsx';
import { MyBids } from './my-bids.tsx';
import { OpenData } from './open-data.tsx';
import { Recommend } from './recommend.tsx';
import { navigate, path } from './router.ts';
import { ScenarioPage } from './scenario.tsx';
import { loadMe, logout, me } from './session.ts';
import { useSignal } from './signal.ts';
import { ScenarioEditor, Workspace } from './workspace.tsx';
import './styles.css';
import { loadVocabularies } from './vocabularies.ts';

/** An in-app link: no page reload. */
function Link(props: { href: string; children: preact.ComponentChildren }) {
  const current = useSignal(path);
  return (
    <a
      href={props.href}
      aria-current={current === props.href ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

function App() {
  const l = useSignal(locale);
  const p = useSignal(path);
  const who = useSignal(me);
  return (
    <>
      <header class="top">
        <div class="brand">
          <strong>{t('appName')}</strong>
          <span>{t('tagline')}</span>
        </div>
        <nav>
          <Link href="/">{t('hall')}</Link>
          <Link href="/events">{t('events')}</Link>
          <Link href="/open-data">{t('openData')}</Link>
          {who?.acting && <Link href="/recommendations">{t('recommendations')}</Link>}
          {who?.acting?.orgKind === 'firm' && <Link href="/profile">{t('firmProfile')}</Link>}
          {who?.acting?.orgKind === 'firm' && <Link href="/my-bids">{t('mbNav')}</Link>}
          {(who?.acting?.role === 'expert' || who?.acting?.orgKind === 'expert-body') && (
            <Link href="/expert">{t('exNav')}</Link>
          )}
          {(who?.acting?.orgKind === 'organizer' || who?.acting?.orgKind === 'agency') && (
            <>
              <Link href="/workspace">{t('workspace')}</Link>
              {who?.acting?.orgKind === 'organizer' && (
                <>
                  <Link href="/calls">{t('calls')}</Link>
                  <Link href="/experts">{t('ex_title')}</Link>
                  <Link href="/dashboard">{t('dashboard')}</Link>
                  <Link href="/audit">{t('auditLog')}</Link>
                </>
              )}
              <Link href="/import">{t('importNav')}</Link>
            </>
          )}
          <a href="/api/docs">{t('apiDocs')}</a>
          {who ? (
            <button type="button" class="lang" onClick={() => logout().then(() => navigate('/'))}>
              {t('logout')}（{who.acting?.orgName ?? who.email}）
            </button>
          ) : (
            <Link href="/login">{t('login')}</Link>
          )}
          <button type="button" class="lang" onClick={() => setLocale(l === 'en' ? 'zh-CN' : 'en')}>
            {l === 'en' ? '中文' : 'English'}
          </button>
        </nav>
      </header>
      <main>
        {p === '/login' ? (
          <Login />
        ) : p === '/recommendations' ? (
          <Recommend />
        ) : p === '/profile' ? (
          <FirmProfile />
        ) : p === '/my-bids' ? (
          <MyBids />
        ) : p === '/expert' ? (
          <ExpertHome />
        ) : p.startsWith('/expert/') ? (
          <ScoreSheetPage scenarioId={p.slice('/expert/'.length)} />
        ) : p === '/open-data' ? (
          <OpenData />
        ) : p === '/calls' ? (
          <CallsPage />
        ) : p === '/audit' ? (
          <AuditPage />
        ) : p === '/dashboard' ? (
          <Dashboard />
        ) : p === '/workspace' ? (
          <Workspace />
        ) : p === '/experts' ? (
          <ExpertsPage />
        ) : /^\/workspace\/[^/]+\/evaluation$/.test(p) ? (
          <EvaluationPage id={p.split('/')[2] ?? ''} />
        ) : p.startsWith('/workspace/') ? (
          <ScenarioEditor id={p.slice('/workspace/'.length)} />
        ) : p.startsWith('/scenarios/') ? (
          <ScenarioPage id={p.slice('/scenarios/'.length)} />
        ) : p.startsWith('/bids/') ? (
          <BidEditor id={p.slice('/bids/'.length)} />
        ) : p === '/import' ? (
          <ImportPage />
        ) : p === '/events' ? (
          <Events />
        ) : p.startsWith('/events/') ? (
          <EventPage id={p.slice('/events/'.length)} />
        ) : (
          <Hall />
        )}
      </main>
    </>
  );
}

document.documentElement.lang = locale.get();
void loadVocabularies();
void loadMe();
const root = document.getElementById('app');
if (root) render(<App />, root);
