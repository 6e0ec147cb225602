/**
 * A self-contained API reference page (no CDN: self-hosted installs may have no internet).
 * It reads /api/v1/openapi.json and lists every operation with parameters, bodies and responses.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>场景汇 API 文档 · Scenario Exchange API</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2937;background:#f8fafc}
header{background:#0f3d6e;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85;font-size:14px}
main{max-width:1100px;margin:0 auto;padding:16px 24px}h2{border-bottom:2px solid #cbd5e1;padding-bottom:4px;margin-top:32px}
details{background:#fff;border:1px solid #e2e8f0;border-radius:6px;margin:8px 0}summary{cursor:pointer;padding:10px 12px;display:flex;gap:12px;align-items:center}
.m{font:600 12px monospace;padding:3px 8px;border-radius:4px;color:#fff;min-width:52px;text-align:center}.get{background:#2563eb}.post{background:#059669}.put,.patch{background:#d97706}.delete{background:#dc2626}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#0f172a;color:#e2e8f0;padding:10px;border-radius:4px;overflow:auto;max-height:320px}
.body{padding:0 16px 12px}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #e2e8f0;padding:4px 6px;text-align:left;vertical-align:top}
</style></head><body>
<header><h1>场景汇 Scenario Exchange — API</h1><p id="desc">OpenAPI 3.1 · <a style="color:#bfdbfe" href="/api/v1/openapi.json">openapi.json</a></p></header>
<main id="root">加载中 Loading…</main>
<script>
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
fetch('/api/v1/openapi.json').then((r) => r.json()).then((spec) => {
  document.getElementById('desc').insertAdjacentHTML('afterbegin', esc(spec.info.description) + '<br>');
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(ops))
    (byTag[op.tags?.[0] ?? 'other'] ??= []).push({ path, method, op });
  let html = '';
  for (const [tag, list] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of list) {
      html += '<details><summary><span class="m ' + method + '">' + method.toUpperCase() + '</span><code>' + esc(path) +
        '</code><span>' + esc(op.summary) + '</span></summary><div class="body">';
      if (op.description) html += '<p>' + esc(op.description) + '</p>';
      if (op.parameters?.length) html += '<table><tr><th>参数 parameter</th><th>in</th><th>required</th><th>schema</th></tr>' +
        op.parameters.map((p) => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + p.in + '</td><td>' + (p.required ? '✓' : '') +
        '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>').join('') + '</table>';
      if (op.requestBody) html += '<h4>请求体 Request body</h4><pre>' + esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)) + '</pre>';
      for (const [status, r] of Object.entries(op.responses)) {
        html += '<h4>' + esc(status) + ' — ' + esc(r.description) + '</h4>';
        const c = r.content && Object.values(r.content)[0];
        if (c?.schema) html += '<pre>' + esc(JSON.stringify(c.schema, null, 2)) + '</pre>';
      }
      html += '</div></details>';
    }
  }
  document.getElementById('root').innerHTML = html;
}).catch((e) => { document.getElementById('root').textContent = '无法加载 Could not load the spec: ' + e; });
</script></body></html>`;
