/** The report page: draws what data.js holds (made by @dmlnet/report-site) with tfjs-vis, on a plain page. */
import type { Block, ReportData, Section } from '@dmlnet/report-site';
import { element } from './html';
import { renderChart } from './render-chart';
import { renderTable } from './render-table';

declare global {
  interface Window {
    // Set by data.js (writeSite in @dmlnet/report-site).
    DMLNET_REPORT?: ReportData;
  }
}

function renderBlock(block: Block): { node: HTMLElement; drawn: Promise<void> } {
  const node = element('div', `block block-${block.kind}`);
  node.dataset['blockId'] = block.id;
  node.append(element('h4', '', block.title));
  const area = element('div', block.kind);
  node.append(area);
  const notes = () => {
    for (const note of block.notes) node.append(element('p', 'notes', note));
  };
  if (block.kind === 'table') {
    renderTable(area, block);
    notes();
    return { node, drawn: Promise.resolve() };
  }
  if (block.kind === 'image') {
    const image = document.createElement('img');
    image.src = block.file;
    image.alt = block.title;
    area.append(image);
    notes();
    return { node, drawn: image.decode() };
  }
  notes();
  return { node, drawn: renderChart(area, block.chart) };
}

function renderSection(section: Section): { node: HTMLElement; drawn: Promise<void>[] } {
  const node = element('section', `level-${section.level}`);
  node.id = section.id;
  node.dataset['sectionId'] = section.id;
  node.append(element(section.level === 1 ? 'h2' : 'h3', '', section.title));
  for (const note of section.notes) node.append(element('p', 'notes', note));
  const blocks = element('div', 'blocks');
  node.append(blocks);
  const drawn = section.blocks.map((block) => {
    const rendered = renderBlock(block);
    blocks.append(rendered.node);
    return rendered.drawn.catch((error: unknown) => {
      console.error(`${section.id}/${block.id}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  return { node, drawn };
}

async function main(): Promise<void> {
  const root = document.getElementById('report') as HTMLElement;
  const data = window.DMLNET_REPORT;
  if (!data) {
    root.textContent = 'No report data: data.js is missing or did not load. Build the report again.';
    console.error(root.textContent);
    return;
  }
  root.replaceChildren(element('h1', '', data.title), element('p', 'notes', `Built ${data.generatedAt} from ${data.runs.length} run folder(s).`));
  const runs: Section = {
    id: 'runs',
    title: 'Runs',
    level: 1,
    notes: [],
    blocks: [
      {
        kind: 'table',
        id: 'runs',
        title: 'Run folders in this report',
        headers: ['run', 'experiment', 'profile', 'backend', 'code', 'started', 'folder'],
        rows: data.runs.map((r) => [r.label, r.experiment, r.profile, r.backend, r.code, r.startedAt, r.dir]),
        keyColumns: 1,
        notes: [],
      },
    ],
  };
  const nav = element('nav', '');
  for (const section of data.sections.filter((s) => s.level === 1)) {
    const link = element('a', '', section.title);
    link.href = `#${section.id}`;
    nav.append(link);
  }
  root.append(nav);
  const drawn: Promise<void>[] = [];
  for (const section of [runs, ...data.sections]) {
    const rendered = renderSection(section);
    root.append(rendered.node);
    drawn.push(...rendered.drawn);
  }
  await Promise.all(drawn);
}

// The end-to-end test waits for this mark: every table and chart has been drawn (or has logged its error).
main()
  .catch((error: unknown) => console.error(error instanceof Error ? error.message : String(error)))
  .finally(() => {
    document.body.dataset['rendered'] = 'true';
  });
