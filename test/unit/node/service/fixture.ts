// A small hand-made CMDB document for the service, server-launch and CLI tests:
//   web (application) part_of checkout (business_service)
//   web depends_on orders-db (database) runs_on db-cluster (cluster, minHealthy 2)
//   host-a, host-b, host-c member_of db-cluster; web connects_to lb-front (load_balancer, soft)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ci, CmdbDocument, Relationship } from '../../../../src/shared/model';

const TIME = '2026-01-05T10:00:00.000Z';

function ci(id: string, name: string, ciClass: Ci['class'], extra: Partial<Ci> = {}): Ci {
  return {
    id,
    name,
    class: ciClass,
    environment: 'production',
    criticality: 2,
    owner: 'platform-team',
    status: 'live',
    tags: [],
    attributes: {},
    externalIds: {},
    createdAt: TIME,
    updatedAt: TIME,
    ...extra,
  };
}

function rel(id: string, source: string, target: string, type: Relationship['type'], strength: Relationship['strength'] = 'hard'): Relationship {
  return { id, source, target, type, strength };
}

export function smallDocument(): CmdbDocument {
  return {
    schemaVersion: 1,
    journalSeq: 0,
    cis: [
      ci('svc_checkout', 'Checkout', 'business_service', { criticality: 1, owner: 'commerce', tags: ['revenue'] }),
      ci('app_web', 'Web Shop', 'application', { criticality: 1, attributes: { language: 'typescript', repo: 'git@example:web' } }),
      ci('db_orders', 'orders-db', 'database', { criticality: 1, externalIds: { servicenow: 'CI0042' } }),
      ci('cl_db', 'db-cluster', 'cluster', { redundancy: { minHealthy: 2 } }),
      ci('host_a', 'host-a', 'server', { criticality: 3 }),
      ci('host_b', 'host-b', 'server', { criticality: 3 }),
      ci('host_c', 'host-c', 'server', { criticality: 3 }),
      ci('lb_front', 'lb-front', 'load_balancer'),
    ],
    relationships: [
      rel('rel_web_checkout', 'app_web', 'svc_checkout', 'part_of'),
      rel('rel_web_db', 'app_web', 'db_orders', 'depends_on'),
      rel('rel_db_cluster', 'db_orders', 'cl_db', 'runs_on'),
      rel('rel_a_cluster', 'host_a', 'cl_db', 'member_of'),
      rel('rel_b_cluster', 'host_b', 'cl_db', 'member_of'),
      rel('rel_c_cluster', 'host_c', 'cl_db', 'member_of'),
      rel('rel_web_lb', 'app_web', 'lb_front', 'connects_to', 'soft'),
    ],
    settings: {},
  };
}

export function writeDocument(path: string, document: CmdbDocument = smallDocument()): string {
  writeFileSync(path, JSON.stringify(document));
  return path;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `faultline-${prefix}-`));
}
