// Marks on the page's performance timeline that the perf script (test/perf/ui-perf.ts) reads:
// how long each worker layout took, and when a view's positions were on the canvas.

/** A performance.measure per worker layout, from the job's post to its reply; detail: { nodes, edges }. */
export const LAYOUT_MEASURE = 'faultline:layout';
/** A performance.mark each time a view's positions are applied (the graph is laid out); detail: { nodes }. */
export const LAID_OUT_MARK = 'faultline:laid-out';

export function measureLayout(start: number, nodes: number, edges: number): void {
  performance.measure(LAYOUT_MEASURE, { start, detail: { nodes, edges } });
}

export function markLaidOut(nodes: number): void {
  performance.mark(LAID_OUT_MARK, { detail: { nodes } });
}
