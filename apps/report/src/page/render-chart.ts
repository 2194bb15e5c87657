import * as tfvis from '@tensorflow/tfjs-vis';
import type { Chart } from '@dmlnet/report-site';

/** Draws one chart with the tfjs-vis function of its kind, at a fixed size so the page lays out before it draws. */
export function renderChart(container: HTMLElement, chart: Chart): Promise<void> {
  switch (chart.type) {
    case 'confusion':
      return tfvis.render.confusionMatrix(
        container,
        { values: chart.counts, tickLabels: chart.classes },
        { width: 40 * chart.classes.length + 120, height: 40 * chart.classes.length + 80, shadeDiagonal: true, showTextOverlay: true },
      );
    case 'line':
      // A missing value (null in JSON) as NaN: vega leaves it out of the line.
      return tfvis.render.linechart(container, { values: chart.values.map((row) => row.map((y, x) => ({ x, y: y ?? Number.NaN }))), series: chart.series }, { width: 380, height: 220, xLabel: chart.xLabel, yLabel: chart.yLabel, zoomToFit: true });
    case 'bar':
      return tfvis.render.barchart(container, chart.bars, { width: 280, height: 220, xLabel: chart.xLabel, yLabel: chart.yLabel });
    case 'scatter':
      return tfvis.render.scatterplot(container, { values: chart.points, series: chart.series }, { width: 340, height: 280, zoomToFit: true });
  }
}
