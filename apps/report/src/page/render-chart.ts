import * as tfvis from '@tensorflow/tfjs-vis';
import type { Chart } from '@dmlnet/report-site';
import { element } from './html';

/** Draws one chart with the tfjs-vis function of its kind, at a fixed size so the page lays out before it draws. */
export function renderChart(container: HTMLElement, chart: Chart): Promise<void> {
  switch (chart.type) {
    case 'confusion':
      return tfvis.render.confusionMatrix(
        container,
        { values: chart.counts, tickLabels: chart.classes },
        { width: 40 * chart.classes.length + 120, height: 40 * chart.classes.length + 80, shadeDiagonal: true, showTextOverlay: true },
      );
    case 'lines':
      // A missing value (null in JSON) as NaN: vega leaves it out of the line.
      return tfvis.render.linechart(container, { values: chart.values.map((row) => row.map((y, x) => ({ x, y: y ?? Number.NaN }))), series: chart.series }, { width: 380, height: 220, xLabel: chart.xLabel, yLabel: chart.yLabel, zoomToFit: true });
    case 'bars': {
      // tfjs-vis draws one series a bar chart: the series side by side, each under its name.
      const drawn = chart.series.map((series, s) => {
        const panel = element('div', 'bar-series');
        panel.append(element('div', 'series-name', series));
        const area = element('div', '');
        panel.append(area);
        container.append(panel);
        // tfjs-vis sorts the bars by their label: a numbered label keeps the categories in their order (-90° before -45°).
        const label = (c: number) => `${String(c + 1).padStart(2, '0')} ${chart.categories[c]}`;
        const bars = chart.categories.flatMap((_, c) => (chart.values[s][c] === null ? [] : [{ index: label(c), value: chart.values[s][c] as number }]));
        // The typings say a number, the chart takes any label (vega-lite's ordinal x).
        return tfvis.render.barchart(area, bars as unknown as { index: number; value: number }[], { width: Math.max(220, 40 * chart.categories.length), height: 220, xLabel: chart.xLabel, yLabel: chart.yLabel });
      });
      return Promise.all(drawn).then(() => undefined);
    }
    case 'scatter':
      return tfvis.render.scatterplot(container, { values: chart.points, series: chart.series }, { width: 340, height: 280, zoomToFit: true });
  }
}
