/** One test image's FER-branch features mapped to 2-D, with its labels. */
export interface EmbeddingPoint {
  x: number;
  y: number;
  expression: string;
  pose: string;
}

// What vega writes on each point of the embeddings experiment's scatter plot (scatterChart in @dmlnet/report).
const POINT = /aria-label="x: ([^"]*?); y: ([^"]*?); expression: ([^"]*?); pose: ([^"]*)"/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);
// vega formats negative numbers with a true minus sign (U+2212).
const number = (text: string) => Number(text.replace('\u2212', '-'));

/**
 * The UMAP points of an embeddings plot (Figs. 10-13), read from the SVG the experiment rendered: its results.json
 * holds each image's features but not its labels, the plot holds both, point by point.
 */
export function embeddingPoints(svg: string, file: string): EmbeddingPoint[] {
  const points = [...svg.matchAll(POINT)].map(([, x, y, expression, pose]) => ({ x: number(x), y: number(y), expression: decode(expression), pose: decode(pose) }));
  if (points.length === 0) throw new Error(`${file} has no labelled points: not an embeddings plot written by the embeddings experiment`);
  const broken = points.findIndex((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y));
  if (broken >= 0) throw new Error(`${file}: point ${broken + 1} has no numeric position`);
  return points;
}
