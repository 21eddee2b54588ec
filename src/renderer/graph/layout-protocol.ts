// Messages between the page and layout.worker.ts.
import type { ElkGraphInput } from './layout-input';

export interface LayoutJob {
  jobId: number;
  graph: ElkGraphInput;
}

export type LayoutReply =
  | { jobId: number; ok: true; boxes: Record<string, { x: number; y: number; width: number }> }
  | { jobId: number; ok: false; message: string };
