// Runs ELK off the UI thread. elk.bundled.js is ELK without its own worker: here it runs
// synchronously inside this worker, which is what keeps the page responsive.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutJob, LayoutReply } from './layout-protocol';

const elk = new ELK();

interface ElkOutNode {
  id: string;
  x?: number;
  y?: number;
  width?: number;
}

async function run(job: LayoutJob): Promise<LayoutReply> {
  try {
    const result = await elk.layout(job.graph);
    const boxes: Record<string, { x: number; y: number; width: number }> = {};
    for (const child of (result.children ?? []) as ElkOutNode[]) {
      boxes[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0 };
    }
    return { jobId: job.jobId, ok: true, boxes };
  } catch (error) {
    return { jobId: job.jobId, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

// elk.bundled.js, loaded in a worker, installs its own `self.onmessage`; this module's handler
// is assigned after that import has run, so it replaces it.
interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutJob>) => void) | null;
  postMessage(message: LayoutReply): void;
}
const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  void run(event.data).then((reply) => scope.postMessage(reply));
};
