const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The report's index.html: the data and the bundled page script, side by side, so it opens from disk too. */
export function siteHtml(title: string, files: { data: string; script: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1500px; padding: 1rem 1.5rem; color: #222; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 2px solid #4c78a0; }
  h3 { font-size: 1.05rem; margin-top: 1.5rem; color: #333; } h4 { font-size: .9rem; margin: 0 0 .3rem; font-weight: 600; }
  section.level-2 { margin-left: 1rem; border-left: 3px solid #dde5ee; padding-left: 1rem; }
  .notes { color: #555; font-size: .85rem; margin: .2rem 0; }
  .blocks { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
  .block { background: #fafbfc; border: 1px solid #e3e6ea; border-radius: 4px; padding: .6rem; }
  .block-table { flex: 1 1 100%; overflow-x: auto; }
  /* tfjs-vis centres its tables at full width; these read better compact, on the left. */
  .block-table table { width: auto !important; margin-left: 0 !important; }
  td, th { white-space: nowrap; padding-right: 1.2rem !important; }
  .change b { font-weight: 600; } .delta { font-size: .8em; margin-left: .3em; } .delta.up { color: #1a7f37; } .delta.down { color: #cf222e; }
  .was { color: #777; font-size: .8em; margin-left: .3em; }
  nav a { margin-right: .8rem; font-size: .85rem; }
  .bar-series { display: inline-block; vertical-align: top; margin-right: 1rem; } .series-name { font-size: .8rem; color: #555; }
  .block-image img { max-width: 100%; }
</style>
</head>
<body>
<main id="report"><p>Loading the report…</p></main>
<script src="${files.data}"></script>
<script src="${files.script}"></script>
</body>
</html>
`;
}
