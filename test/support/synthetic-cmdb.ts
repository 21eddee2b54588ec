// A seeded, layered synthetic CMDB for benchmarks and property tests (issue 3, "Speed"):
//   business services → applications → service instances → VMs and containers
//   → hosts and clusters → network, storage and sites,
// about 3 relationships per CI, redundancy groups (farms, Kubernetes clusters, core switch pairs,
// replicated applications and instances), a few cycles, and shared hubs (sites, core switch
// pairs, storage arrays, a SaaS dependency most applications share). Same seed → same document.
// Lower layers stay mostly inside one site, so a site-wide hub reaches roughly its share of the
// graph plus the application layer above it, as a real multi-site estate would.
import type { Ci, CiClass, CmdbDocument, RelationshipType, Strength } from '../../src/shared/model';

export interface SyntheticCmdbOptions {
  /** Number of CIs, exactly (at least 200). */
  cis: number;
  seed: number;
}

/** Tiny, fast, well-mixed 32-bit PRNG (Tommy Ettinger's mulberry32). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIME = '2025-01-01T00:00:00.000Z';
const TYPE_CODE: Record<RelationshipType, number> = {
  depends_on: 0,
  runs_on: 1,
  hosted_on: 2,
  connects_to: 3,
  member_of: 4,
  part_of: 5,
};
const ENVIRONMENTS = ['production', 'production', 'production', 'production', 'staging', 'development'];
const OWNERS = ['team-alpha', 'team-bravo', 'team-charlie', 'team-delta', 'team-echo', 'team-foxtrot', 'team-golf', 'team-hotel'];
const SYNTHETIC_TAGS: string[] = ['synthetic'];
const NO_EXTERNAL_IDS: Record<string, string> = {};
const INSTANCE_CLASSES: CiClass[] = ['application', 'application', 'application', 'application', 'application', 'database', 'database', 'cache', 'message_queue', 'load_balancer'];

class DocumentBuilder {
  readonly cis: Ci[] = [];
  readonly relationships: CmdbDocument['relationships'] = [];
  // Duplicate check without hashing: per source, a linked list of (target, type) keys.
  // Every source has only a handful of outgoing relationships, so a scan is cheap.
  private readonly head: Int32Array;
  private readonly next: number[] = [];
  private readonly key: number[] = [];
  constructor(
    total: number,
    readonly random: () => number,
  ) {
    this.head = new Int32Array(total).fill(-1);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /**
   * Adds a CI. Tags, attributes and empty externalIds are shared between CIs of the same layer and
   * site (100k CIs in well under 2 s means allocating little); like every CI in the graph, they are
   * never mutated in place.
   */
  addCi(prefix: string, ordinal: number, cls: CiClass, name: string, site: string | null): number {
    const index = this.cis.length;
    const r = this.random();
    this.cis.push({
      id: `${prefix}-${ordinal}`,
      name,
      class: cls,
      environment: ENVIRONMENTS[Math.floor(r * ENVIRONMENTS.length)],
      criticality: ((index * 7 + ordinal) % 4) + 1,
      owner: OWNERS[(ordinal + prefix.length) % OWNERS.length],
      status: 'live',
      tags: r < 0.3 ? this.shared(`t:${prefix}`, () => ['synthetic', prefix]) : SYNTHETIC_TAGS,
      attributes: this.shared<Record<string, string>>(`a:${prefix}:${site}`, (): Record<string, string> => (site ? { layer: prefix, site } : { layer: prefix })),
      externalIds: r < 0.1 ? { servicenow: (0x10000000 + index).toString(16).padStart(32, '0') } : NO_EXTERNAL_IDS,
      createdAt: TIME,
      updatedAt: TIME,
    });
    return index;
  }

  private readonly cache = new Map<string, unknown>();
  private shared<T>(key: string, make: () => T): T {
    let value = this.cache.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      this.cache.set(key, value);
    }
    return value;
  }

  /** Adds a relationship unless it would be a self-loop or a duplicate; returns whether it did. */
  link(source: number, type: RelationshipType, target: number, strength: Strength = 'hard'): boolean {
    if (source === target) return false;
    const key = target * 6 + TYPE_CODE[type];
    for (let e = this.head[source]; e !== -1; e = this.next[e]) if (this.key[e] === key) return false;
    this.next.push(this.head[source]);
    this.key.push(key);
    this.head[source] = this.key.length - 1;
    this.relationships.push({
      id: `rel-${this.relationships.length}`,
      source: this.cis[source].id,
      target: this.cis[target].id,
      type,
      strength,
    });
    return true;
  }

  setRedundancy(index: number, minHealthy: number): void {
    this.cis[index].redundancy = { minHealthy: Math.max(1, minHealthy) };
  }
}

/** Splits `count` items into groups of about `size`; returns each item's group number. */
function groupsOf(count: number, size: number): { groupOf: Int32Array; groups: number } {
  const groups = Math.max(1, Math.ceil(count / size));
  const groupOf = new Int32Array(count);
  for (let i = 0; i < count; i++) groupOf[i] = Math.floor((i * groups) / count);
  return { groupOf, groups };
}

export function generateSyntheticCmdb(options: SyntheticCmdbOptions): CmdbDocument {
  const n = Math.floor(options.cis);
  if (!(n >= 200)) throw new Error(`generateSyntheticCmdb: cis must be at least 200 (got ${options.cis})`);
  const b = new DocumentBuilder(n, mulberry32(options.seed));

  // ---- how many of each ----
  const sites = Math.max(2, Math.round(n / 25000));
  const tors = Math.max(sites, Math.round(n * 0.004));
  const arrays = Math.max(sites, Math.round(n / 4000));
  const businessServices = Math.max(3, Math.round(n * 0.005));
  const technicalServices = Math.max(2, Math.round(n * 0.003));
  const applications = Math.max(6, Math.round(n * 0.03));
  const cloudResources = Math.max(2, Math.round(n * 0.01));
  const servers = Math.max(8, Math.round(n * 0.08));
  const hypervisors = Math.round(servers * 0.6);
  const bareNodes = servers - hypervisors;
  const vms = Math.max(10, Math.round(n * 0.2));
  const vmNodes = Math.max(sites * 2, Math.round(vms * 0.1));
  const instances = Math.max(12, Math.round(n * 0.16));
  const farmSplit = groupsOf(hypervisors, 8);
  const bareSplit = groupsOf(bareNodes, 6);
  const vmNodeSplit = groupsOf(vmNodes, 5);
  const clusters = farmSplit.groups + bareSplit.groups + vmNodeSplit.groups;
  const fixed = sites * 5 + tors + arrays + businessServices + technicalServices + applications + cloudResources + servers + clusters + vms + instances;
  const containers = n - fixed;
  if (containers < 0) throw new Error(`generateSyntheticCmdb: ${n} CIs is too few for the layer mix`);

  const siteName = (s: number) => `site-${s}`;

  // ---- network, storage, sites (bottom layer) ----
  const siteIdx: number[] = [];
  const coreGroupIdx: number[] = [];
  const routerIdx: number[] = [];
  for (let s = 0; s < sites; s++) {
    siteIdx.push(b.addCi('site', s, 'site', `Datacenter ${s}`, siteName(s)));
  }
  for (let s = 0; s < sites; s++) {
    const router = b.addCi('rtr', s, 'network_device', `edge-router-${s}`, siteName(s));
    routerIdx.push(router);
    b.link(router, 'hosted_on', siteIdx[s]);
    const group = b.addCi('core', s, 'network_device', `core-fabric-${s}`, siteName(s));
    b.setRedundancy(group, 1);
    coreGroupIdx.push(group);
    b.link(group, 'connects_to', router);
    for (let k = 0; k < 2; k++) {
      const sw = b.addCi('coresw', s * 2 + k, 'network_device', `core-sw-${s}-${k}`, siteName(s));
      b.link(sw, 'member_of', group);
      b.link(sw, 'hosted_on', siteIdx[s]);
    }
  }
  const torIdx = Array.from({ length: sites }, () => [] as number[]);
  for (let t = 0; t < tors; t++) {
    const s = t % sites;
    const tor = b.addCi('tor', t, 'network_device', `tor-${t}`, siteName(s));
    torIdx[s].push(tor);
    b.link(tor, 'hosted_on', siteIdx[s]);
    b.link(tor, 'connects_to', coreGroupIdx[s]);
  }
  const arrayIdx = Array.from({ length: sites }, () => [] as number[]);
  for (let a = 0; a < arrays; a++) {
    const s = a % sites;
    const arr = b.addCi('san', a, 'storage', `storage-array-${a}`, siteName(s));
    arrayIdx[s].push(arr);
    b.link(arr, 'hosted_on', siteIdx[s]);
    b.link(arr, 'connects_to', coreGroupIdx[s]);
  }

  // ---- cloud resources and services (top layer, created early so lower layers can point at them) ----
  const cloudIdx: number[] = [];
  for (let c = 0; c < cloudResources; c++) cloudIdx.push(b.addCi('cloud', c, 'cloud_resource', `saas-${c}`, null));
  const tsvcIdx: number[] = [];
  for (let t = 0; t < technicalServices; t++) {
    const idx = b.addCi('tsvc', t, 'technical_service', `Technical service ${t}`, null);
    tsvcIdx.push(idx);
    if (b.random() < 0.5) b.link(idx, 'depends_on', b.pick(cloudIdx), 'soft');
  }
  const bsvcIdx: number[] = [];
  for (let s = 0; s < businessServices; s++) bsvcIdx.push(b.addCi('bsvc', s, 'business_service', `Business service ${s}`, null));
  for (const svc of bsvcIdx) {
    b.link(svc, 'depends_on', b.pick(tsvcIdx));
    if (b.random() < 0.5) b.link(svc, 'depends_on', b.pick(bsvcIdx), b.random() < 0.5 ? 'soft' : 'hard');
  }

  // ---- applications ----
  const appIdx: number[] = [];
  for (let a = 0; a < applications; a++) appIdx.push(b.addCi('app', a, 'application', `Application ${a}`, null));
  // Four tiers (front ends → mid tier → back ends → core), each calling the next: a mostly layered
  // dependency graph, with a few same-tier calls and explicit back-references making cycles.
  const appRedundant = new Uint8Array(applications);
  const tierStart = (t: number) => Math.floor((t * applications) / 4);
  for (let a = 0; a < applications; a++) {
    const app = appIdx[a];
    const tier = Math.min(3, Math.floor((a * 4) / applications));
    appRedundant[a] = b.random() < 0.4 ? 1 : 0;
    b.link(app, 'part_of', bsvcIdx[a % businessServices], b.random() < 0.1 ? 'soft' : 'hard');
    if (tier < 3) {
      const deps = 1 + b.int(2);
      for (let d = 0; d < deps; d++) {
        const from = tierStart(tier + 1);
        const other = appIdx[from + b.int(tierStart(tier + 2) - from)];
        const strength: Strength = b.random() < 0.3 ? 'soft' : 'hard';
        if (b.link(app, 'depends_on', other, strength) && b.random() < 0.03) {
          b.link(other, 'depends_on', app, 'soft'); // an explicit two-cycle
        }
      }
    }
    if (b.random() < 0.1) {
      const from = tierStart(tier);
      b.link(app, 'depends_on', appIdx[from + b.int(tierStart(tier + 1) - from)], 'soft');
    }
    const r = b.random();
    if (r < 0.3) b.link(app, 'depends_on', cloudIdx[0]); // the shared SaaS hub (think identity provider)
    else if (r < 0.45 || tier === 3) b.link(app, 'depends_on', b.pick(cloudIdx), b.random() < 0.5 ? 'soft' : 'hard');
    if (b.random() < 0.05) b.link(app, 'part_of', b.pick(tsvcIdx), 'soft');
  }

  // ---- hosts and clusters ----
  const k8sNodesBySite = Array.from({ length: sites }, () => [] as number[]);
  const farmIdx: number[] = [];
  const farmSite: number[] = [];
  const farmArray: number[] = [];
  for (let f = 0; f < farmSplit.groups; f++) {
    const s = f % sites;
    const idx = b.addCi('farm', f, 'cluster', `hypervisor-farm-${f}`, siteName(s));
    farmIdx.push(idx);
    farmSite.push(s);
    farmArray.push(b.pick(arrayIdx[s]));
    if (b.random() < 0.4) b.link(idx, 'part_of', b.pick(tsvcIdx), 'soft');
  }
  const farmSize = new Int32Array(farmSplit.groups);
  for (let h = 0; h < hypervisors; h++) {
    const f = farmSplit.groupOf[h];
    const s = farmSite[f];
    const host = b.addCi('hv', h, 'server', `hypervisor-${h}`, siteName(s));
    farmSize[f]++;
    b.link(host, 'member_of', farmIdx[f]);
    b.link(host, 'hosted_on', siteIdx[s]);
    b.link(host, 'connects_to', b.pick(torIdx[s]));
    b.link(host, 'connects_to', b.pick(torIdx[s])); // storage network, usually another rack switch
    b.link(host, 'depends_on', farmArray[f]);
  }
  for (let f = 0; f < farmSplit.groups; f++) b.setRedundancy(farmIdx[f], farmSize[f] - 1 - b.int(2));

  const k8sIdx: number[] = [];
  const k8sSize: number[] = [];
  for (let c = 0; c < bareSplit.groups; c++) {
    const s = c % sites;
    k8sIdx.push(b.addCi('k8s', c, 'cluster', `k8s-cluster-${c}`, siteName(s)));
    k8sSize.push(0);
  }
  for (let h = 0; h < bareNodes; h++) {
    const c = bareSplit.groupOf[h];
    const s = c % sites;
    const node = b.addCi('node', h, 'server', `k8s-node-${h}`, siteName(s));
    k8sSize[c]++;
    k8sNodesBySite[s].push(node);
    b.link(node, 'member_of', k8sIdx[c]);
    b.link(node, 'hosted_on', siteIdx[s]);
    b.link(node, 'connects_to', b.pick(torIdx[s]));
    b.link(node, 'connects_to', b.pick(torIdx[s]));
    if (b.random() < 0.2) b.link(node, 'depends_on', b.pick(arrayIdx[s]), 'soft');
  }
  const vmK8sIdx: number[] = [];
  for (let c = 0; c < vmNodeSplit.groups; c++) {
    vmK8sIdx.push(b.addCi('vk8s', c, 'cluster', `k8s-vm-cluster-${c}`, null));
    k8sSize.push(0);
  }

  // ---- VMs (a tenth of them are Kubernetes nodes) ----
  const vmsBySite = Array.from({ length: sites }, () => [] as number[]);
  for (let v = 0; v < vms; v++) {
    const f = b.int(farmSplit.groups);
    const s = farmSite[f];
    const vm = b.addCi('vm', v, 'virtual_machine', `vm-${v}`, siteName(s));
    b.link(vm, 'hosted_on', farmIdx[f]);
    b.link(vm, 'depends_on', b.random() < 0.8 ? farmArray[f] : b.pick(arrayIdx[s]));
    b.link(vm, 'connects_to', b.pick(torIdx[s]));
    if (v < vmNodes) {
      const c = vmNodeSplit.groupOf[v];
      b.link(vm, 'member_of', vmK8sIdx[c]);
      k8sSize[bareSplit.groups + c]++;
      k8sNodesBySite[s].push(vm);
    } else {
      vmsBySite[s].push(vm);
    }
  }
  const allK8s = [...k8sIdx, ...vmK8sIdx];
  for (let c = 0; c < allK8s.length; c++) b.setRedundancy(allK8s[c], Math.ceil(k8sSize[c] * (0.5 + b.random() * 0.3)));
  for (let s = 0; s < sites; s++) {
    if (k8sNodesBySite[s].length === 0) k8sNodesBySite[s] = k8sNodesBySite.flat();
    if (vmsBySite[s].length === 0) vmsBySite[s] = vmsBySite.flat();
  }

  // ---- service instances ----
  const instIdx: number[] = [];
  const instSite = new Int32Array(instances);
  const instApp = new Int32Array(instances);
  const instOnK8s = new Uint8Array(instances);
  const backingBySite = Array.from({ length: sites }, () => [] as number[]);
  const serviceBySite = Array.from({ length: sites }, () => [] as number[]);
  const appMembers = new Int32Array(applications);
  for (let i = 0; i < instances; i++) {
    const cls = INSTANCE_CLASSES[b.int(INSTANCE_CLASSES.length)];
    const s = b.int(sites);
    const a = i < applications ? i : b.int(applications);
    const idx = b.addCi('inst', i, cls, `${cls.replace('_', '-')}-instance-${i}`, siteName(s));
    instIdx.push(idx);
    instSite[i] = s;
    instApp[i] = a;
    instOnK8s[i] = cls === 'load_balancer' ? 0 : b.random() < 0.6 ? 1 : 0;
    if (cls === 'database' || cls === 'cache' || cls === 'message_queue') backingBySite[s].push(idx);
    else if (cls === 'application') serviceBySite[s].push(idx);
    if (appRedundant[a]) {
      b.link(idx, 'member_of', appIdx[a]);
      appMembers[a]++;
    } else {
      b.link(idx, 'part_of', appIdx[a], b.random() < 0.15 ? 'soft' : 'hard');
    }
    if (!instOnK8s[i]) {
      b.link(idx, 'runs_on', b.pick(vmsBySite[s]));
      if (cls !== 'application' && cls !== 'load_balancer') b.link(idx, 'depends_on', b.pick(arrayIdx[s]), b.random() < 0.5 ? 'soft' : 'hard');
    }
  }
  for (let a = 0; a < applications; a++) {
    if (!appRedundant[a]) continue;
    b.setRedundancy(appIdx[a], appMembers[a] - 1 - b.int(Math.max(1, Math.floor(appMembers[a] / 2))));
  }
  const anyBacking = backingBySite.flat();
  const anyService = serviceBySite.flat();
  const backingFor = (s: number) => (b.random() < 0.95 && backingBySite[s].length > 0 ? b.pick(backingBySite[s]) : b.pick(anyBacking));
  for (let i = 0; i < instances; i++) {
    const idx = instIdx[i];
    const cls = b.cis[idx].class;
    if (cls === 'application') {
      const deps = 1 + b.int(3);
      for (let d = 0; d < deps; d++) {
        const backing = backingFor(instSite[i]);
        if (b.link(idx, 'depends_on', backing, b.random() < 0.25 ? 'soft' : 'hard') && b.random() < 0.01) {
          b.link(backing, 'depends_on', idx, 'soft'); // a rare back-reference: a cycle across instances
        }
      }
    } else if (cls === 'load_balancer' && anyService.length > 0) {
      const pool = serviceBySite[instSite[i]].length > 0 ? serviceBySite[instSite[i]] : anyService;
      b.link(idx, 'depends_on', b.pick(pool));
      b.link(idx, 'depends_on', b.pick(pool));
    }
  }

  // ---- containers: replicas of instances that run on Kubernetes ----
  const k8sInstances: number[] = [];
  for (let i = 0; i < instances; i++) if (instOnK8s[i]) k8sInstances.push(i);
  if (k8sInstances.length === 0) k8sInstances.push(0);
  const replicaCount = new Int32Array(instances);
  const instRedundant = new Uint8Array(instances);
  for (const i of k8sInstances) instRedundant[i] = b.random() < 0.3 ? 1 : 0;
  for (let c = 0; c < containers; c++) {
    const i = c < k8sInstances.length ? k8sInstances[c] : k8sInstances[b.int(k8sInstances.length)];
    const s = instSite[i];
    const ctr = b.addCi('ctr', c, 'container', `pod-${c}`, siteName(s));
    b.link(ctr, 'runs_on', b.pick(k8sNodesBySite[s]));
    if (instRedundant[i]) b.link(ctr, 'member_of', instIdx[i]);
    else b.link(ctr, 'part_of', instIdx[i], 'soft');
    replicaCount[i]++;
    // Pods of application instances talk to backing services; pods of databases, caches and brokers do not.
    if (b.cis[instIdx[i]].class === 'application') {
      b.link(ctr, 'depends_on', backingFor(s), b.random() < 0.3 ? 'soft' : 'hard');
      if (b.random() < 0.6) b.link(ctr, 'depends_on', backingFor(s), 'soft');
    }
  }
  for (const i of k8sInstances) {
    if (instRedundant[i]) b.setRedundancy(instIdx[i], replicaCount[i] - 1);
  }

  return { schemaVersion: 1, journalSeq: 0, cis: b.cis, relationships: b.relationships, settings: {} };
}
