import { locale, t } from './i18n.ts';
import { useSignal } from './signal.ts';

/** 开放数据: machine-readable downloads anyone may use. */
export function OpenData() {
  useSignal(locale);
  const links: [string, string, string][] = [
    ['/api/v1/open-data/scenarios.csv', t('csvScenarios'), t('csvScenariosHint')],
    ['/api/v1/ocds/releases', t('ocdsReleases'), t('ocdsHint')],
    ['/api/v1/openapi.json', 'OpenAPI 3.1', t('openapiHint')],
    ['/api/docs', t('apiDocs'), ''],
  ];
  return (
    <section aria-labelledby="open-title">
      <h1 id="open-title">{t('openData')}</h1>
      <ul class="matches">
        {links.map(([href, name, hint]) => (
          <li class="card" key={href}>
            <a href={href} data-testid="open-data-link">
              {name}
            </a>
            {hint && <p class="meta">{hint}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
