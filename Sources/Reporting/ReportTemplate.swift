/// The report's Mustache template. `{{name}}` escapes HTML (`<`, `>`, `&`, `"`, `'`);
/// only `{{{svg}}}`, the figures' own markup, goes in raw. No script, no external URL,
/// no web font: the page is one file that prints and reads on a phone.
enum ReportTemplate {
    static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; padding: 1rem; max-width: 60rem; font: 16px/1.45 "DejaVu Sans", system-ui, sans-serif;
           color: #1a1a1a; background: #fff; overflow-wrap: anywhere; }
    h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
    h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
    .table-wrap { max-width: 100%; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e2e2e2; }
    th { background: #f4f4f4; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    ul.settings { margin: 0; padding: 0; list-style: none; font-size: 0.85rem; }
    .finding { border-left: 4px solid #888; padding: 0.4rem 0.8rem; margin: 0.6rem 0; background: #fafafa; }
    .finding.critical { border-color: #b2182b; }
    .finding.warning { border-color: #e08214; }
    .finding.info { border-color: #4575b4; }
    .finding .head { font-weight: bold; }
    .finding .remedy { margin-top: 0.3rem; }
    .healthy { color: #1b7837; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
    figure { margin: 1.5rem 0; page-break-inside: avoid; break-inside: avoid; }
    figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
    figcaption { font-size: 0.9rem; color: #333; margin-top: 0.4rem; }
    @media (max-width: 40rem) {
      body { padding: 0.5rem; font-size: 15px; }
      th, td { padding: 0.25rem 0.3rem; }
    }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; color: #000; }
      h2 { page-break-after: avoid; break-after: avoid; }
      .finding { background: none; }
      .table-wrap { overflow: visible; }
      figure { page-break-inside: avoid; break-inside: avoid; }
      figure svg { max-height: 22cm; }
    }
    </style>
    </head>
    <body>
    <h1>{{title}}</h1>

    <h2 id="runs">Runs</h2>
    <div class="table-wrap">
    <table>
    <thead><tr><th>Run</th><th>Steps</th><th>Final loss</th><th>Optimizer</th><th>Settings</th></tr></thead>
    <tbody>
    {{#runs}}
    <tr><td><code>{{name}}</code></td><td class="num">{{steps}}</td><td class="num">{{finalLoss}}</td><td>{{optimizer}}</td>
    <td>{{#hasSettings}}<ul class="settings">{{#settings}}<li>{{name}} = {{value}}</li>{{/settings}}</ul>{{/hasSettings}}{{^hasSettings}}not recorded{{/hasSettings}}</td></tr>
    {{/runs}}
    </tbody>
    </table>
    </div>

    <h2 id="diagnosis">Diagnosis</h2>
    {{#diagnoses}}
    <section class="diagnosis">
    <h3><code>{{run}}</code></h3>
    <p>Loss tag <code>{{lossTag}}</code>; gradient tags <code>{{gradTags}}</code>.</p>
    {{#healthy}}<p class="healthy">No findings.</p>{{/healthy}}
    {{#findings}}
    <div class="finding {{severity}}">
    <div class="head">{{severity}} · <span class="kind">{{kind}}</span> · <code>{{tag}}</code> {{steps}}</div>
    <div>{{summary}}</div>
    <ul>{{#evidence}}<li>{{description}}: {{value}}</li>{{/evidence}}</ul>
    <div class="remedy"><strong>Remedy:</strong> {{remedy}}</div>
    </div>
    {{/findings}}
    </section>
    {{/diagnoses}}

    <h2 id="figures">Figures</h2>
    {{#figures}}
    <figure id="{{id}}">
    {{{svg}}}
    <figcaption><strong>{{title}}.</strong> {{caption}}</figcaption>
    </figure>
    {{/figures}}
    </body>
    </html>

    """
}
