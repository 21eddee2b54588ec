// The bundled sample CMDB: "Larkspur & Co.", a mid-size online retailer selling outdoor and
// home goods in Europe. Hand-written on purpose (not generated) so that it tells a story a
// newcomer can follow; `build-sample.ts` validates it and writes resources/sample-cmdb.faultline.
// Relationship directions follow ARCHITECTURE.md: depends_on / runs_on / hosted_on / connects_to
// point from the CI that needs to the CI it needs; member_of and part_of point from the member or
// component to its group or service. See README.md in this folder for the story.
import type { Ci, CiClass, CmdbDocument, Criticality, Relationship, RelationshipType, Strength } from '../../src/shared/model';
import type { ImpactLevel } from '../../src/shared/impact-types';

/** Fixed so the generated file is byte-for-byte reproducible. */
export const SAMPLE_CREATED_AT = '2025-01-06T08:00:00.000Z';
export const SAMPLE_UPDATED_AT = '2025-03-17T14:30:00.000Z';

type CiExtra = Partial<Pick<Ci, 'environment' | 'status' | 'tags' | 'attributes' | 'externalIds' | 'redundancy'>>;

/** A ServiceNow-style sys_id (32 hex digits) derived from the id, so it is stable across builds. */
function sysId(id: string): string {
  let out = '';
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

/** Short stable lowercase tag for pod names (the replica-set hash of a Kubernetes pod name). */
function podHash(seed: string, length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = 0x9e3779b1;
  let out = '';
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x85ebca6b);
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) + i;
    out += alphabet[(h >>> 0) % alphabet.length];
  }
  return out;
}

function ci(id: string, cls: CiClass, name: string, owner: string, criticality: Criticality, extra: CiExtra = {}): Ci {
  const externalIds: Record<string, string> = { servicenow: sysId(id), ...(extra.externalIds ?? {}) };
  const result: Ci = {
    id,
    name,
    class: cls,
    environment: extra.environment ?? 'production',
    criticality,
    owner,
    status: extra.status ?? 'live',
    tags: extra.tags ?? [],
    attributes: extra.attributes ?? {},
    externalIds,
    createdAt: SAMPLE_CREATED_AT,
    updatedAt: SAMPLE_UPDATED_AT,
  };
  if (extra.redundancy) result.redundancy = extra.redundancy;
  return result;
}

function rel(source: string, type: RelationshipType, target: string, strength: Strength = 'hard'): Relationship {
  return { id: `rel-${source}--${type}--${target}`, source, target, type, strength };
}
const dependsOn = (s: string, t: string, strength: Strength = 'hard') => rel(s, 'depends_on', t, strength);
const runsOn = (s: string, t: string) => rel(s, 'runs_on', t);
const hostedOn = (s: string, t: string) => rel(s, 'hosted_on', t);
const connectsTo = (s: string, t: string) => rel(s, 'connects_to', t);
const memberOf = (s: string, t: string) => rel(s, 'member_of', t);
const partOf = (s: string, t: string, strength: Strength = 'hard') => rel(s, 'part_of', t, strength);

// ---------------------------------------------------------------------------------------------
// Sites and the network
// ---------------------------------------------------------------------------------------------
const sites: Ci[] = [
  ci('site-dc-a', 'site', 'Datacenter A — Frankfurt (FR5)', 'team-infra', 1, {
    tags: ['primary-site'],
    attributes: { city: 'Frankfurt', provider: 'Equinix', facility: 'FR5', subnet: '10.10.0.0/16' },
  }),
  ci('site-dc-b', 'site', 'Datacenter B — Amsterdam (AMS7)', 'team-infra', 1, {
    tags: ['secondary-site'],
    attributes: { city: 'Amsterdam', provider: 'Interxion', facility: 'AMS7', subnet: '10.20.0.0/16' },
  }),
];

function networkDevice(id: string, name: string, ip: string, model: string, extra: CiExtra = {}): Ci {
  return ci(id, 'network_device', name, 'team-network', 1, {
    ...extra,
    attributes: { ip, model, ...(extra.attributes ?? {}) },
  });
}

const network: Ci[] = [
  networkDevice('net-core-fabric-a', 'Core fabric DC-A (MLAG pair)', '10.10.0.1', 'Arista 7280R3 MLAG', {
    tags: ['core'],
    redundancy: { minHealthy: 1 },
    attributes: { role: 'core', vlanRange: '100-399' },
  }),
  networkDevice('net-core-a1', 'fra-core-sw01', '10.10.0.2', 'Arista 7280R3', { tags: ['core'], attributes: { os: 'EOS 4.31.2F' } }),
  networkDevice('net-core-a2', 'fra-core-sw02', '10.10.0.3', 'Arista 7280R3', { tags: ['core'], attributes: { os: 'EOS 4.31.2F' } }),
  networkDevice('net-core-fabric-b', 'Core fabric DC-B (MLAG pair)', '10.20.0.1', 'Arista 7280R3 MLAG', {
    tags: ['core'],
    redundancy: { minHealthy: 1 },
    attributes: { role: 'core', vlanRange: '100-399' },
  }),
  networkDevice('net-core-b1', 'ams-core-sw01', '10.20.0.2', 'Arista 7280R3', { tags: ['core'], attributes: { os: 'EOS 4.31.2F' } }),
  networkDevice('net-core-b2', 'ams-core-sw02', '10.20.0.3', 'Arista 7280R3', { tags: ['core'], attributes: { os: 'EOS 4.30.5M' } }),
  networkDevice('net-tor-a-r1', 'fra-tor-r01', '10.10.1.1', 'Arista 7050X3', { tags: ['top-of-rack'], attributes: { rack: 'FR5-R01' } }),
  networkDevice('net-tor-a-r2', 'fra-tor-r02', '10.10.2.1', 'Arista 7050X3', { tags: ['top-of-rack'], attributes: { rack: 'FR5-R02' } }),
  networkDevice('net-tor-b-r1', 'ams-tor-r01', '10.20.1.1', 'Arista 7050X3', { tags: ['top-of-rack'], attributes: { rack: 'AMS7-R01' } }),
  networkDevice('net-tor-b-r2', 'ams-tor-r02', '10.20.2.1', 'Arista 7050X3', { tags: ['top-of-rack'], attributes: { rack: 'AMS7-R02' } }),
  networkDevice('net-fw-cluster-a', 'Edge firewall HA pair DC-A', '10.10.250.1', 'Palo Alto PA-3430 HA', {
    tags: ['firewall', 'dmz'],
    redundancy: { minHealthy: 1 },
  }),
  networkDevice('net-fw-a1', 'fra-fw01', '10.10.250.2', 'Palo Alto PA-3430', { tags: ['firewall', 'dmz'], attributes: { os: 'PAN-OS 11.1.3' } }),
  networkDevice('net-fw-a2', 'fra-fw02', '10.10.250.3', 'Palo Alto PA-3430', { tags: ['firewall', 'dmz'], attributes: { os: 'PAN-OS 11.1.3' } }),
  networkDevice('net-fw-cluster-b', 'Edge firewall HA pair DC-B', '10.20.250.1', 'Palo Alto PA-3430 HA', {
    tags: ['firewall', 'dmz'],
    redundancy: { minHealthy: 1 },
  }),
  networkDevice('net-fw-b1', 'ams-fw01', '10.20.250.2', 'Palo Alto PA-3430', { tags: ['firewall', 'dmz'], attributes: { os: 'PAN-OS 11.1.3' } }),
  networkDevice('net-fw-b2', 'ams-fw02', '10.20.250.3', 'Palo Alto PA-3430', { tags: ['firewall', 'dmz'], attributes: { os: 'PAN-OS 11.1.3' } }),
  networkDevice('net-rtr-edge-a', 'fra-edge-rtr01', '203.0.113.1', 'Juniper MX204', {
    tags: ['edge', 'bgp'],
    attributes: { asn: '64512', upstreams: 'Cogent, DE-CIX' },
  }),
  networkDevice('net-rtr-edge-b', 'ams-edge-rtr01', '198.51.100.1', 'Juniper MX204', {
    tags: ['edge', 'bgp'],
    attributes: { asn: '64512', upstreams: 'Lumen, AMS-IX' },
  }),
  networkDevice('net-dci', 'DCI dark fibre FRA–AMS', '10.99.0.1', 'Ciena 6500 DWDM', {
    tags: ['wan'],
    attributes: { bandwidth: '2x100G', latencyMs: '6.8' },
  }),
];

const networkRels: Relationship[] = [
  memberOf('net-core-a1', 'net-core-fabric-a'),
  memberOf('net-core-a2', 'net-core-fabric-a'),
  memberOf('net-core-b1', 'net-core-fabric-b'),
  memberOf('net-core-b2', 'net-core-fabric-b'),
  memberOf('net-fw-a1', 'net-fw-cluster-a'),
  memberOf('net-fw-a2', 'net-fw-cluster-a'),
  memberOf('net-fw-b1', 'net-fw-cluster-b'),
  memberOf('net-fw-b2', 'net-fw-cluster-b'),
  ...['net-core-a1', 'net-core-a2', 'net-tor-a-r1', 'net-tor-a-r2', 'net-fw-a1', 'net-fw-a2', 'net-rtr-edge-a'].map((d) => hostedOn(d, 'site-dc-a')),
  ...['net-core-b1', 'net-core-b2', 'net-tor-b-r1', 'net-tor-b-r2', 'net-fw-b1', 'net-fw-b2', 'net-rtr-edge-b'].map((d) => hostedOn(d, 'site-dc-b')),
  connectsTo('net-tor-a-r1', 'net-core-fabric-a'),
  connectsTo('net-tor-a-r2', 'net-core-fabric-a'),
  connectsTo('net-tor-b-r1', 'net-core-fabric-b'),
  connectsTo('net-tor-b-r2', 'net-core-fabric-b'),
  connectsTo('net-fw-cluster-a', 'net-rtr-edge-a'),
  connectsTo('net-fw-cluster-b', 'net-rtr-edge-b'),
  connectsTo('net-fw-cluster-a', 'net-core-fabric-a'),
  connectsTo('net-fw-cluster-b', 'net-core-fabric-b'),
];

// ---------------------------------------------------------------------------------------------
// Storage and the VMware farms
// ---------------------------------------------------------------------------------------------
const storage: Ci[] = [
  ci('stor-san-a', 'storage', 'fra-san01 (NetApp AFF A400)', 'team-infra', 1, {
    tags: ['san'],
    attributes: { ip: '10.10.5.10', model: 'NetApp AFF A400', capacityTb: '184', ontap: '9.14.1' },
  }),
  ci('stor-san-b', 'storage', 'ams-san01 (NetApp AFF A400)', 'team-infra', 1, {
    tags: ['san'],
    attributes: { ip: '10.20.5.10', model: 'NetApp AFF A400', capacityTb: '184', ontap: '9.14.1' },
  }),
  ci('stor-backup-b', 'storage', 'ams-backup01 (Data Domain DD6900)', 'team-infra', 2, {
    tags: ['backup'],
    attributes: { ip: '10.20.5.20', model: 'Dell Data Domain DD6900', capacityTb: '288' },
  }),
];

const farms: Ci[] = [
  ci('vmw-farm-a', 'cluster', 'vSphere cluster FRA-PROD-01', 'team-infra', 1, {
    tags: ['vmware'],
    redundancy: { minHealthy: 2 },
    attributes: { vcenter: 'vcsa-fra.larkspur.internal', version: 'vSphere 8.0 U2', haAdmissionControl: 'n+1' },
    externalIds: { vcenter: 'domain-c1008' },
  }),
  ci('vmw-farm-b', 'cluster', 'vSphere cluster AMS-PROD-01', 'team-infra', 1, {
    tags: ['vmware'],
    redundancy: { minHealthy: 2 },
    attributes: { vcenter: 'vcsa-ams.larkspur.internal', version: 'vSphere 8.0 U2', haAdmissionControl: 'n+1' },
    externalIds: { vcenter: 'domain-c2011' },
  }),
];

function esxHost(id: string, name: string, ip: string): Ci {
  return ci(id, 'server', name, 'team-infra', 1, {
    tags: ['vmware', 'esxi'],
    attributes: { ip, model: 'Dell PowerEdge R760', cpu: '2x Xeon Gold 6430', ramGb: '1024', os: 'ESXi 8.0.2' },
  });
}

const esxHosts: Ci[] = [
  esxHost('srv-esx-a1', 'fra-esx01', '10.10.3.11'),
  esxHost('srv-esx-a2', 'fra-esx02', '10.10.3.12'),
  esxHost('srv-esx-a3', 'fra-esx03', '10.10.3.13'),
  esxHost('srv-esx-b1', 'ams-esx01', '10.20.3.11'),
  esxHost('srv-esx-b2', 'ams-esx02', '10.20.3.12'),
  esxHost('srv-esx-b3', 'ams-esx03', '10.20.3.13'),
];

const storageRels: Relationship[] = [
  hostedOn('stor-san-a', 'site-dc-a'),
  hostedOn('stor-san-b', 'site-dc-b'),
  hostedOn('stor-backup-b', 'site-dc-b'),
  connectsTo('stor-san-a', 'net-core-fabric-a'),
  connectsTo('stor-san-b', 'net-core-fabric-b'),
  connectsTo('stor-backup-b', 'net-core-fabric-b'),
  ...['srv-esx-a1', 'srv-esx-a2', 'srv-esx-a3'].flatMap((h) => [
    memberOf(h, 'vmw-farm-a'),
    hostedOn(h, 'site-dc-a'),
    connectsTo(h, 'net-core-fabric-a'),
    dependsOn(h, 'stor-san-a'),
  ]),
  ...['srv-esx-b1', 'srv-esx-b2', 'srv-esx-b3'].flatMap((h) => [
    memberOf(h, 'vmw-farm-b'),
    hostedOn(h, 'site-dc-b'),
    connectsTo(h, 'net-core-fabric-b'),
    dependsOn(h, 'stor-san-b'),
  ]),
];

// Virtual machines: [id, hostname, farm, ip, os, vCPU, RAM GB, owner, criticality, extra tags]
type VmRow = [string, string, 'a' | 'b', string, string, number, number, string, Criticality, string[]?];
const vmRows: VmRow[] = [
  ['vm-pg-orders-1', 'fra-pg-orders01', 'a', '10.10.20.11', 'Rocky Linux 9.4', 16, 128, 'team-dba', 1, ['postgres']],
  ['vm-pg-orders-2', 'fra-pg-orders02', 'a', '10.10.20.12', 'Rocky Linux 9.4', 16, 128, 'team-dba', 1, ['postgres']],
  ['vm-pg-orders-3', 'ams-pg-orders03', 'b', '10.20.20.13', 'Rocky Linux 9.4', 16, 128, 'team-dba', 1, ['postgres']],
  ['vm-pg-analytics-1', 'ams-pg-analytics01', 'b', '10.20.20.21', 'Rocky Linux 9.4', 8, 64, 'team-dba', 3, ['postgres']],
  ['vm-pg-catalog-1', 'fra-pg-catalog01', 'a', '10.10.20.31', 'Rocky Linux 9.4', 8, 64, 'team-dba', 1, ['postgres']],
  ['vm-pg-catalog-2', 'ams-pg-catalog02', 'b', '10.20.20.32', 'Rocky Linux 9.4', 8, 64, 'team-dba', 1, ['postgres']],
  ['vm-pg-customers-1', 'fra-pg-cust01', 'a', '10.10.20.41', 'Rocky Linux 9.4', 8, 64, 'team-dba', 2, ['postgres', 'gdpr']],
  ['vm-pg-customers-2', 'ams-pg-cust02', 'b', '10.20.20.42', 'Rocky Linux 9.4', 8, 64, 'team-dba', 2, ['postgres', 'gdpr']],
  ['vm-pg-identity-1', 'fra-pg-idp01', 'a', '10.10.20.51', 'Rocky Linux 9.4', 4, 32, 'team-dba', 1, ['postgres', 'gdpr']],
  ['vm-pg-identity-2', 'ams-pg-idp02', 'b', '10.20.20.52', 'Rocky Linux 9.4', 4, 32, 'team-dba', 1, ['postgres', 'gdpr']],
  ['vm-pg-payments-1', 'fra-pg-pay01', 'a', '10.10.30.11', 'Rocky Linux 9.4', 8, 64, 'team-dba', 1, ['postgres', 'pci']],
  ['vm-pg-payments-2', 'ams-pg-pay02', 'b', '10.20.30.12', 'Rocky Linux 9.4', 8, 64, 'team-dba', 1, ['postgres', 'pci']],
  ['vm-pg-misc-1', 'ams-pg-misc01', 'b', '10.20.20.61', 'Rocky Linux 9.4', 4, 32, 'team-dba', 3, ['postgres']],
  ['vm-mysql-1', 'ams-mysql01', 'b', '10.20.20.71', 'Ubuntu 22.04 LTS', 8, 64, 'team-dba', 2, ['mysql', 'legacy']],
  ['vm-mongo-1', 'ams-mongo01', 'b', '10.20.20.81', 'Ubuntu 22.04 LTS', 4, 32, 'team-dba', 3, ['mongodb']],
  ['vm-redis-1', 'fra-redis01', 'a', '10.10.21.11', 'Debian 12', 4, 32, 'team-platform', 1, ['redis']],
  ['vm-redis-2', 'fra-redis02', 'a', '10.10.21.12', 'Debian 12', 4, 32, 'team-platform', 1, ['redis']],
  ['vm-redis-3', 'ams-redis03', 'b', '10.20.21.13', 'Debian 12', 4, 32, 'team-platform', 1, ['redis']],
  ['vm-kafka-1', 'fra-kafka01', 'a', '10.10.22.11', 'Debian 12', 8, 64, 'team-platform', 1, ['kafka']],
  ['vm-kafka-2', 'fra-kafka02', 'a', '10.10.22.12', 'Debian 12', 8, 64, 'team-platform', 1, ['kafka']],
  ['vm-kafka-3', 'ams-kafka03', 'b', '10.20.22.13', 'Debian 12', 8, 64, 'team-platform', 1, ['kafka']],
  ['vm-rabbit-1', 'ams-rabbit01', 'b', '10.20.22.21', 'Ubuntu 20.04 LTS', 4, 16, 'team-fulfilment', 2, ['rabbitmq', 'legacy']],
  ['vm-es-1', 'fra-es01', 'a', '10.10.23.11', 'Debian 12', 8, 64, 'team-search', 2, ['elasticsearch']],
  ['vm-es-2', 'fra-es02', 'a', '10.10.23.12', 'Debian 12', 8, 64, 'team-search', 2, ['elasticsearch']],
  ['vm-es-3', 'ams-es03', 'b', '10.20.23.13', 'Debian 12', 8, 64, 'team-search', 2, ['elasticsearch']],
  ['vm-tax-1', 'fra-tax01', 'a', '10.10.30.21', 'Windows Server 2022', 4, 16, 'team-checkout', 1, ['vendor']],
  ['vm-cms-1', 'fra-cms01', 'a', '10.10.24.11', 'Ubuntu 22.04 LTS', 4, 16, 'team-storefront', 3],
  ['vm-wms-bridge-1', 'ams-wms01', 'b', '10.20.24.21', 'Windows Server 2019', 4, 16, 'team-fulfilment', 2, ['legacy']],
  ['vm-metabase-1', 'ams-bi01', 'b', '10.20.24.31', 'Ubuntu 22.04 LTS', 4, 16, 'team-data', 3],
  ['vm-mon-1', 'ams-mon01', 'b', '10.20.25.11', 'Debian 12', 8, 64, 'team-sre', 2, ['observability']],
  ['vm-mon-2', 'ams-mon02', 'b', '10.20.25.12', 'Debian 12', 8, 64, 'team-sre', 2, ['observability']],
  ['vm-backup-1', 'ams-veeam01', 'b', '10.20.25.21', 'Windows Server 2022', 8, 32, 'team-infra', 2, ['backup']],
  ['vm-k8s-batch-1', 'ams-k8s-batch01', 'b', '10.20.40.11', 'Ubuntu 22.04 LTS', 16, 64, 'team-platform', 2, ['kubernetes']],
  ['vm-k8s-batch-2', 'ams-k8s-batch02', 'b', '10.20.40.12', 'Ubuntu 22.04 LTS', 16, 64, 'team-platform', 2, ['kubernetes']],
  ['vm-k8s-batch-3', 'ams-k8s-batch03', 'b', '10.20.40.13', 'Ubuntu 22.04 LTS', 16, 64, 'team-platform', 2, ['kubernetes']],
];

// Staging VMs live on the DC-A farm as well.
const stagingVmRows: VmRow[] = [
  ['vm-k8s-stg-1', 'fra-k8s-stg01', 'a', '10.10.90.11', 'Ubuntu 22.04 LTS', 8, 32, 'team-platform', 4, ['kubernetes']],
  ['vm-k8s-stg-2', 'fra-k8s-stg02', 'a', '10.10.90.12', 'Ubuntu 22.04 LTS', 8, 32, 'team-platform', 4, ['kubernetes']],
  ['vm-stg-db-1', 'fra-stg-db01', 'a', '10.10.90.21', 'Rocky Linux 9.4', 4, 32, 'team-dba', 4, ['postgres']],
];

function vm(row: VmRow, index: number, environment: string): Ci {
  const [id, hostname, farm, ip, os, vcpu, ram, owner, criticality, tags = []] = row;
  return ci(id, 'virtual_machine', hostname, owner, criticality, {
    environment,
    tags: environment === 'production' ? tags : [...tags, 'staging'],
    attributes: { ip, os, vcpu: String(vcpu), ramGb: String(ram), farm: farm === 'a' ? 'FRA-PROD-01' : 'AMS-PROD-01' },
    externalIds: { vcenter: `vm-${(farm === 'a' ? 1100 : 2100) + index}` },
  });
}

const vms: Ci[] = [
  ...vmRows.map((row, i) => vm(row, i, 'production')),
  ...stagingVmRows.map((row, i) => vm(row, 60 + i, 'staging')),
  ci('vm-magento-old', 'virtual_machine', 'fra-magento01', 'team-checkout', 4, {
    status: 'retired',
    tags: ['legacy', 'decommissioned'],
    attributes: { ip: '10.10.24.99', os: 'CentOS 7', decommissioned: '2024-10-31' },
    externalIds: { vcenter: 'vm-1042' },
  }),
];

const vmRels: Relationship[] = [...vmRows, ...stagingVmRows].map(([id, , farm]) => hostedOn(id, farm === 'a' ? 'vmw-farm-a' : 'vmw-farm-b'));

// ---------------------------------------------------------------------------------------------
// Kubernetes clusters and their nodes
// ---------------------------------------------------------------------------------------------
const k8sClusters: Ci[] = [
  ci('k8s-prod', 'cluster', 'Kubernetes prod (stretched FRA/AMS)', 'team-platform', 1, {
    tags: ['kubernetes', 'stretched'],
    redundancy: { minHealthy: 3 },
    attributes: { distribution: 'RKE2', version: '1.30.4', api: 'https://k8s-prod.larkspur.internal:6443', nodes: '6' },
  }),
  ci('k8s-batch', 'cluster', 'Kubernetes batch (AMS)', 'team-platform', 2, {
    tags: ['kubernetes'],
    redundancy: { minHealthy: 2 },
    attributes: { distribution: 'RKE2', version: '1.30.4', api: 'https://k8s-batch.larkspur.internal:6443', nodes: '3' },
  }),
  ci('k8s-staging', 'cluster', 'Kubernetes staging', 'team-platform', 4, {
    environment: 'staging',
    tags: ['kubernetes', 'staging'],
    redundancy: { minHealthy: 1 },
    attributes: { distribution: 'RKE2', version: '1.31.1', api: 'https://k8s-stg.larkspur.internal:6443', nodes: '2' },
  }),
];

function k8sNode(id: string, name: string, ip: string, rack: string): Ci {
  return ci(id, 'server', name, 'team-platform', 1, {
    tags: ['kubernetes', 'bare-metal'],
    attributes: { ip, model: 'Dell PowerEdge R660', cpu: '2x Xeon Gold 6426Y', ramGb: '512', os: 'Ubuntu 22.04 LTS', rack },
  });
}

const k8sNodes: Ci[] = [
  k8sNode('srv-k8s-a1', 'fra-k8s-node01', '10.10.1.21', 'FR5-R01'),
  k8sNode('srv-k8s-a2', 'fra-k8s-node02', '10.10.1.22', 'FR5-R01'),
  k8sNode('srv-k8s-a3', 'fra-k8s-node03', '10.10.2.23', 'FR5-R02'),
  k8sNode('srv-k8s-b1', 'ams-k8s-node01', '10.20.1.21', 'AMS7-R01'),
  k8sNode('srv-k8s-b2', 'ams-k8s-node02', '10.20.1.22', 'AMS7-R01'),
  k8sNode('srv-k8s-b3', 'ams-k8s-node03', '10.20.2.23', 'AMS7-R02'),
];

const k8sRels: Relationship[] = [
  ...k8sNodes.map((n) => memberOf(n.id, 'k8s-prod')),
  hostedOn('srv-k8s-a1', 'site-dc-a'),
  hostedOn('srv-k8s-a2', 'site-dc-a'),
  hostedOn('srv-k8s-a3', 'site-dc-a'),
  hostedOn('srv-k8s-b1', 'site-dc-b'),
  hostedOn('srv-k8s-b2', 'site-dc-b'),
  hostedOn('srv-k8s-b3', 'site-dc-b'),
  connectsTo('srv-k8s-a1', 'net-tor-a-r1'),
  connectsTo('srv-k8s-a2', 'net-tor-a-r1'),
  connectsTo('srv-k8s-a3', 'net-tor-a-r2'),
  connectsTo('srv-k8s-b1', 'net-tor-b-r1'),
  connectsTo('srv-k8s-b2', 'net-tor-b-r1'),
  connectsTo('srv-k8s-b3', 'net-tor-b-r2'),
  // A stretched cluster limps along without the inter-site link (split etcd quorum risk).
  dependsOn('k8s-prod', 'net-dci', 'soft'),
  memberOf('vm-k8s-batch-1', 'k8s-batch'),
  memberOf('vm-k8s-batch-2', 'k8s-batch'),
  memberOf('vm-k8s-batch-3', 'k8s-batch'),
  memberOf('vm-k8s-stg-1', 'k8s-staging'),
  memberOf('vm-k8s-stg-2', 'k8s-staging'),
];

// ---------------------------------------------------------------------------------------------
// Load balancers
// ---------------------------------------------------------------------------------------------
const loadBalancers: Ci[] = [
  ci('lb-storefront-pair', 'load_balancer', 'Storefront VIP (F5 active/standby pair)', 'team-network', 1, {
    tags: ['f5', 'dmz'],
    redundancy: { minHealthy: 1 },
    attributes: { vip: '203.0.113.10', fqdn: 'www-origin.larkspur.shop', mode: 'active/standby' },
  }),
  ci('lb-storefront-1', 'load_balancer', 'fra-f5-01', 'team-network', 1, {
    tags: ['f5', 'dmz'],
    attributes: { ip: '10.10.250.21', model: 'F5 BIG-IP i5800', version: '17.1.1' },
  }),
  ci('lb-storefront-2', 'load_balancer', 'ams-f5-01', 'team-network', 1, {
    tags: ['f5', 'dmz'],
    attributes: { ip: '10.20.250.21', model: 'F5 BIG-IP i5800', version: '17.1.1' },
  }),
  ci('lb-payments', 'load_balancer', 'fra-f5-pci01 (payments VIP)', 'team-network', 1, {
    tags: ['f5', 'pci'],
    attributes: {
      ip: '10.10.30.5',
      vip: 'payments.pci.larkspur.internal',
      model: 'F5 BIG-IP i4800',
      version: '16.1.4',
      note: 'standby unit returned under RMA 2024-11; replacement not yet racked',
    },
  }),
];

const lbRels: Relationship[] = [
  memberOf('lb-storefront-1', 'lb-storefront-pair'),
  memberOf('lb-storefront-2', 'lb-storefront-pair'),
  hostedOn('lb-storefront-1', 'site-dc-a'),
  hostedOn('lb-storefront-2', 'site-dc-b'),
  hostedOn('lb-payments', 'site-dc-a'),
  connectsTo('lb-storefront-1', 'net-fw-cluster-a'),
  connectsTo('lb-storefront-2', 'net-fw-cluster-b'),
  connectsTo('lb-storefront-1', 'net-core-fabric-a'),
  connectsTo('lb-storefront-2', 'net-core-fabric-b'),
  connectsTo('lb-payments', 'net-core-fabric-a'),
  // The payments VIP is down when no payment gateway pod answers behind it.
  dependsOn('lb-payments', 'app-payment-gateway'),
];

// ---------------------------------------------------------------------------------------------
// Data stores: databases, caches, message brokers
// ---------------------------------------------------------------------------------------------
function database(id: string, name: string, owner: string, criticality: Criticality, attributes: Record<string, string>, extra: CiExtra = {}): Ci {
  return ci(id, 'database', name, owner, criticality, { ...extra, attributes: { ...attributes, ...(extra.attributes ?? {}) } });
}

const pg16 = { engine: 'PostgreSQL', version: '16.4' };
const databases: Ci[] = [
  database('db-orders-cluster', 'orders-db (Patroni cluster)', 'team-dba', 1, { ...pg16, topology: 'Patroni, 1 primary + 2 streaming replicas', endpoint: 'orders-db.larkspur.internal:5432' }, {
    tags: ['tier-0', 'orders'],
    redundancy: { minHealthy: 2 },
  }),
  database('db-orders-primary', 'orders-db primary (fra-pg-orders01)', 'team-dba', 1, { ...pg16, role: 'primary', port: '5432' }, { tags: ['tier-0', 'orders'] }),
  database('db-orders-replica-1', 'orders-db replica 1 (fra-pg-orders02)', 'team-dba', 1, { ...pg16, role: 'replica', port: '5432' }, { tags: ['tier-0', 'orders'] }),
  database('db-orders-replica-2', 'orders-db replica 2 (ams-pg-orders03)', 'team-dba', 1, { ...pg16, role: 'replica', port: '5432' }, { tags: ['tier-0', 'orders'] }),
  database('db-orders-analytics-replica', 'orders-db analytics replica (ams-pg-analytics01)', 'team-data', 3, { ...pg16, role: 'logical replica', port: '5432', lagAlertSeconds: '900' }, {
    tags: ['orders', 'analytics'],
  }),
  database('db-catalog-cluster', 'catalog-db (primary/standby)', 'team-dba', 1, { ...pg16, topology: 'Patroni, primary + standby' }, {
    tags: ['catalog'],
    redundancy: { minHealthy: 1 },
  }),
  database('db-catalog-1', 'catalog-db node 1 (fra-pg-catalog01)', 'team-dba', 1, { ...pg16, role: 'primary' }, { tags: ['catalog'] }),
  database('db-catalog-2', 'catalog-db node 2 (ams-pg-catalog02)', 'team-dba', 1, { ...pg16, role: 'standby' }, { tags: ['catalog'] }),
  database('db-customers-cluster', 'customers-db (primary/standby)', 'team-dba', 2, { ...pg16, topology: 'Patroni, primary + standby' }, {
    tags: ['gdpr'],
    redundancy: { minHealthy: 1 },
  }),
  database('db-customers-1', 'customers-db node 1 (fra-pg-cust01)', 'team-dba', 2, { ...pg16, role: 'primary' }, { tags: ['gdpr'] }),
  database('db-customers-2', 'customers-db node 2 (ams-pg-cust02)', 'team-dba', 2, { ...pg16, role: 'standby' }, { tags: ['gdpr'] }),
  database('db-identity-cluster', 'identity-db (primary/standby)', 'team-dba', 1, { ...pg16, topology: 'Patroni, primary + standby' }, {
    tags: ['gdpr', 'tier-0'],
    redundancy: { minHealthy: 1 },
  }),
  database('db-identity-1', 'identity-db node 1 (fra-pg-idp01)', 'team-dba', 1, { ...pg16, role: 'primary' }, { tags: ['gdpr', 'tier-0'] }),
  database('db-identity-2', 'identity-db node 2 (ams-pg-idp02)', 'team-dba', 1, { ...pg16, role: 'standby' }, { tags: ['gdpr', 'tier-0'] }),
  database('db-payments-cluster', 'payments-db (primary/standby)', 'team-dba', 1, { ...pg16, topology: 'Patroni, primary + standby', encryption: 'TDE' }, {
    tags: ['pci', 'tier-0'],
    redundancy: { minHealthy: 1 },
  }),
  database('db-payments-1', 'payments-db node 1 (fra-pg-pay01)', 'team-dba', 1, { ...pg16, role: 'primary' }, { tags: ['pci', 'tier-0'] }),
  database('db-payments-2', 'payments-db node 2 (ams-pg-pay02)', 'team-dba', 1, { ...pg16, role: 'standby' }, { tags: ['pci', 'tier-0'] }),
  database('db-promotions', 'promotions-db', 'team-checkout', 3, { ...pg16, port: '5433' }),
  database('db-airflow', 'airflow-metadata-db', 'team-data', 3, { engine: 'PostgreSQL', version: '15.8', port: '5434' }),
  database('db-inventory', 'inventory-db', 'team-fulfilment', 2, { engine: 'MySQL', version: '8.0.39', port: '3306' }, { tags: ['legacy'] }),
  database('db-fulfilment', 'fulfilment-db (shipments, returns)', 'team-fulfilment', 2, { engine: 'MySQL', version: '8.0.39', port: '3306' }, { tags: ['legacy'] }),
  database('db-cms', 'cms-db', 'team-storefront', 3, { engine: 'MySQL', version: '8.0.39', port: '3306' }),
  database('db-loyalty', 'loyalty-db', 'team-identity', 3, { engine: 'MongoDB', version: '7.0.12', port: '27017' }, { tags: ['gdpr'] }),
  database('db-orders-stg', 'orders-db (staging)', 'team-dba', 4, { ...pg16, port: '5432' }, { environment: 'staging', tags: ['staging'] }),
  database('db-es-node-1', 'search-es data node 1 (fra-es01)', 'team-search', 2, { engine: 'Elasticsearch', version: '8.15.1', roles: 'master,data' }),
  database('db-es-node-2', 'search-es data node 2 (fra-es02)', 'team-search', 2, { engine: 'Elasticsearch', version: '8.15.1', roles: 'master,data' }),
  database('db-es-node-3', 'search-es data node 3 (ams-es03)', 'team-search', 2, { engine: 'Elasticsearch', version: '8.15.1', roles: 'master,data' }),
];

const esCluster: Ci = ci('es-search-cluster', 'cluster', 'Elasticsearch cluster search-prod', 'team-search', 2, {
  tags: ['elasticsearch'],
  redundancy: { minHealthy: 2 },
  attributes: { version: '8.15.1', shards: '24', replicas: '1', endpoint: 'https://search-es.larkspur.internal:9200' },
});

const caches: Ci[] = [
  ci('cache-cart-cluster', 'cache', 'Redis cluster cart-prod', 'team-platform', 1, {
    tags: ['redis', 'tier-0'],
    redundancy: { minHealthy: 2 },
    attributes: { engine: 'Redis', version: '7.2.5', mode: 'cluster', shards: '3' },
  }),
  ci('cache-cart-1', 'cache', 'redis cart-prod node 1 (fra-redis01)', 'team-platform', 1, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', port: '6379' } }),
  ci('cache-cart-2', 'cache', 'redis cart-prod node 2 (fra-redis02)', 'team-platform', 1, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', port: '6379' } }),
  ci('cache-cart-3', 'cache', 'redis cart-prod node 3 (ams-redis03)', 'team-platform', 1, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', port: '6379' } }),
  ci('cache-session-cluster', 'cache', 'Redis Sentinel sessions-prod', 'team-platform', 1, {
    tags: ['redis', 'gdpr'],
    redundancy: { minHealthy: 1 },
    attributes: { engine: 'Redis', version: '7.2.5', mode: 'sentinel' },
  }),
  ci('cache-session-1', 'cache', 'redis sessions-prod node 1 (fra-redis01)', 'team-platform', 1, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', port: '6380' } }),
  ci('cache-session-2', 'cache', 'redis sessions-prod node 2 (ams-redis03)', 'team-platform', 1, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', port: '6380' } }),
  ci('cache-catalog', 'cache', 'catalog read cache (Redis in k8s)', 'team-storefront', 2, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', namespace: 'storefront' } }),
  ci('cache-reco', 'cache', 'recommendations feature cache (Redis in k8s)', 'team-search', 3, { tags: ['redis'], attributes: { engine: 'Redis', version: '7.2.5', namespace: 'search' } }),
];

const queues: Ci[] = [
  ci('mq-kafka-cluster', 'message_queue', 'Kafka cluster events-prod', 'team-platform', 1, {
    tags: ['kafka', 'tier-0'],
    redundancy: { minHealthy: 2 },
    attributes: { engine: 'Apache Kafka', version: '3.7.1', mode: 'KRaft', bootstrap: 'kafka-prod.larkspur.internal:9093' },
  }),
  ci('mq-kafka-broker-1', 'message_queue', 'kafka broker 1 (fra-kafka01)', 'team-platform', 1, { tags: ['kafka'], attributes: { engine: 'Apache Kafka', brokerId: '1' } }),
  ci('mq-kafka-broker-2', 'message_queue', 'kafka broker 2 (fra-kafka02)', 'team-platform', 1, { tags: ['kafka'], attributes: { engine: 'Apache Kafka', brokerId: '2' } }),
  ci('mq-kafka-broker-3', 'message_queue', 'kafka broker 3 (ams-kafka03)', 'team-platform', 1, { tags: ['kafka'], attributes: { engine: 'Apache Kafka', brokerId: '3' } }),
  ci('mq-rabbit-wms', 'message_queue', 'RabbitMQ wms-bridge', 'team-fulfilment', 2, {
    tags: ['rabbitmq', 'legacy'],
    attributes: { engine: 'RabbitMQ', version: '3.9.29', vhost: '/wms' },
  }),
];

const dataRels: Relationship[] = [
  // orders-db: a Patroni cluster that needs 2 of its 3 members.
  memberOf('db-orders-primary', 'db-orders-cluster'),
  memberOf('db-orders-replica-1', 'db-orders-cluster'),
  memberOf('db-orders-replica-2', 'db-orders-cluster'),
  runsOn('db-orders-primary', 'vm-pg-orders-1'),
  runsOn('db-orders-replica-1', 'vm-pg-orders-2'),
  runsOn('db-orders-replica-2', 'vm-pg-orders-3'),
  // The analytics replica is fed by logical replication from the primary: without it, data goes stale.
  dependsOn('db-orders-analytics-replica', 'db-orders-primary', 'soft'),
  runsOn('db-orders-analytics-replica', 'vm-pg-analytics-1'),
  memberOf('db-catalog-1', 'db-catalog-cluster'),
  memberOf('db-catalog-2', 'db-catalog-cluster'),
  runsOn('db-catalog-1', 'vm-pg-catalog-1'),
  runsOn('db-catalog-2', 'vm-pg-catalog-2'),
  memberOf('db-customers-1', 'db-customers-cluster'),
  memberOf('db-customers-2', 'db-customers-cluster'),
  runsOn('db-customers-1', 'vm-pg-customers-1'),
  runsOn('db-customers-2', 'vm-pg-customers-2'),
  memberOf('db-identity-1', 'db-identity-cluster'),
  memberOf('db-identity-2', 'db-identity-cluster'),
  runsOn('db-identity-1', 'vm-pg-identity-1'),
  runsOn('db-identity-2', 'vm-pg-identity-2'),
  memberOf('db-payments-1', 'db-payments-cluster'),
  memberOf('db-payments-2', 'db-payments-cluster'),
  runsOn('db-payments-1', 'vm-pg-payments-1'),
  runsOn('db-payments-2', 'vm-pg-payments-2'),
  runsOn('db-promotions', 'vm-pg-misc-1'),
  runsOn('db-airflow', 'vm-pg-misc-1'),
  runsOn('db-inventory', 'vm-mysql-1'),
  runsOn('db-fulfilment', 'vm-mysql-1'),
  runsOn('db-cms', 'vm-mysql-1'),
  runsOn('db-loyalty', 'vm-mongo-1'),
  runsOn('db-orders-stg', 'vm-stg-db-1'),
  memberOf('db-es-node-1', 'es-search-cluster'),
  memberOf('db-es-node-2', 'es-search-cluster'),
  memberOf('db-es-node-3', 'es-search-cluster'),
  runsOn('db-es-node-1', 'vm-es-1'),
  runsOn('db-es-node-2', 'vm-es-2'),
  runsOn('db-es-node-3', 'vm-es-3'),
  memberOf('cache-cart-1', 'cache-cart-cluster'),
  memberOf('cache-cart-2', 'cache-cart-cluster'),
  memberOf('cache-cart-3', 'cache-cart-cluster'),
  runsOn('cache-cart-1', 'vm-redis-1'),
  runsOn('cache-cart-2', 'vm-redis-2'),
  runsOn('cache-cart-3', 'vm-redis-3'),
  memberOf('cache-session-1', 'cache-session-cluster'),
  memberOf('cache-session-2', 'cache-session-cluster'),
  runsOn('cache-session-1', 'vm-redis-1'),
  runsOn('cache-session-2', 'vm-redis-3'),
  runsOn('cache-catalog', 'k8s-prod'),
  runsOn('cache-reco', 'k8s-prod'),
  memberOf('mq-kafka-broker-1', 'mq-kafka-cluster'),
  memberOf('mq-kafka-broker-2', 'mq-kafka-cluster'),
  memberOf('mq-kafka-broker-3', 'mq-kafka-cluster'),
  runsOn('mq-kafka-broker-1', 'vm-kafka-1'),
  runsOn('mq-kafka-broker-2', 'vm-kafka-2'),
  runsOn('mq-kafka-broker-3', 'vm-kafka-3'),
  dependsOn('mq-kafka-cluster', 'net-dci', 'soft'),
  runsOn('mq-rabbit-wms', 'vm-rabbit-1'),
];

// ---------------------------------------------------------------------------------------------
// Cloud and SaaS
// ---------------------------------------------------------------------------------------------
const cloud: Ci[] = [
  ci('cloud-cdn', 'cloud_resource', 'Cloudflare CDN zone larkspur.shop', 'team-network', 1, {
    tags: ['edge', 'saas'],
    attributes: { provider: 'Cloudflare', zone: 'larkspur.shop', plan: 'Enterprise' },
    externalIds: { cloudflare: 'zone-5f1c0a9e' },
  }),
  ci('cloud-dns', 'cloud_resource', 'Route 53 hosted zone larkspur.shop', 'team-network', 1, {
    tags: ['edge', 'aws'],
    attributes: { provider: 'AWS', service: 'Route 53', region: 'global' },
    externalIds: { aws: 'arn:aws:route53:::hostedzone/Z0412345ABCDEFGH' },
  }),
  ci('cloud-s3-product-images', 'cloud_resource', 'S3 bucket larkspur-product-images', 'team-storefront', 2, {
    tags: ['aws'],
    attributes: { provider: 'AWS', service: 'S3', region: 'eu-central-1' },
    externalIds: { aws: 'arn:aws:s3:::larkspur-product-images' },
  }),
  ci('cloud-s3-backups', 'cloud_resource', 'S3 bucket larkspur-db-backups', 'team-infra', 2, {
    tags: ['aws', 'backup'],
    attributes: { provider: 'AWS', service: 'S3', region: 'eu-west-1', objectLock: 'compliance, 35 days' },
    externalIds: { aws: 'arn:aws:s3:::larkspur-db-backups' },
  }),
  ci('cloud-psp-adyen', 'cloud_resource', 'Adyen payments API', 'team-payments', 1, {
    tags: ['saas', 'pci', 'external'],
    attributes: { provider: 'Adyen', endpoint: 'https://checkout-live.adyen.com', merchantAccount: 'LarkspurECOM' },
  }),
  ci('cloud-sendgrid', 'cloud_resource', 'SendGrid email API', 'team-fulfilment', 2, {
    tags: ['saas', 'external'],
    attributes: { provider: 'Twilio SendGrid', endpoint: 'https://api.sendgrid.com/v3' },
  }),
  ci('cloud-twilio', 'cloud_resource', 'Twilio SMS API', 'team-fulfilment', 3, {
    tags: ['saas', 'external'],
    attributes: { provider: 'Twilio', endpoint: 'https://api.twilio.com' },
  }),
  ci('cloud-snowflake', 'cloud_resource', 'Snowflake account LARKSPUR_DW', 'team-data', 3, {
    tags: ['saas', 'analytics'],
    attributes: { provider: 'Snowflake', region: 'aws-eu-central-1', warehouse: 'REPORTING_WH' },
  }),
  ci('cloud-carrier-dhl', 'cloud_resource', 'DHL Parcel DE shipping API', 'team-fulfilment', 2, {
    tags: ['saas', 'external', 'carrier'],
    attributes: { provider: 'DHL', endpoint: 'https://api-eu.dhl.com/parcel/de' },
  }),
  ci('cloud-carrier-ups', 'cloud_resource', 'UPS shipping API', 'team-fulfilment', 3, {
    tags: ['saas', 'external', 'carrier'],
    attributes: { provider: 'UPS', endpoint: 'https://onlinetools.ups.com/api' },
  }),
  ci('cloud-wms-saas', 'cloud_resource', 'Manhattan WMS (Leipzig warehouse)', 'team-fulfilment', 2, {
    tags: ['saas', 'external', 'warehouse'],
    attributes: { provider: 'Manhattan Associates', warehouse: 'Leipzig DC1' },
  }),
];

// ---------------------------------------------------------------------------------------------
// Business and technical services
// ---------------------------------------------------------------------------------------------
const businessServices: Ci[] = [
  ci('svc-storefront', 'business_service', 'Storefront', 'team-storefront', 1, {
    tags: ['customer-facing', 'revenue'],
    attributes: { url: 'https://www.larkspur.shop', sla: '99.95%', hours: '24x7' },
  }),
  ci('svc-checkout', 'business_service', 'Checkout', 'team-checkout', 1, {
    tags: ['customer-facing', 'revenue'],
    attributes: { url: 'https://www.larkspur.shop/checkout', sla: '99.95%', hours: '24x7' },
  }),
  ci('svc-payments', 'business_service', 'Payments', 'team-payments', 1, {
    tags: ['customer-facing', 'revenue', 'pci'],
    attributes: { sla: '99.95%', hours: '24x7', pciScope: 'yes' },
  }),
  ci('svc-search', 'business_service', 'Product Search', 'team-search', 2, {
    tags: ['customer-facing'],
    attributes: { sla: '99.9%', hours: '24x7' },
  }),
  ci('svc-order-fulfilment', 'business_service', 'Order Fulfilment', 'team-fulfilment', 2, {
    tags: ['operations'],
    attributes: { sla: '99.5%', hours: 'Mon–Sat 06:00–22:00 CET' },
  }),
  ci('svc-customer-accounts', 'business_service', 'Customer Accounts', 'team-identity', 2, {
    tags: ['customer-facing', 'gdpr'],
    attributes: { url: 'https://www.larkspur.shop/account', sla: '99.9%', hours: '24x7' },
  }),
  ci('svc-internal-reporting', 'business_service', 'Internal Reporting', 'team-data', 3, {
    tags: ['internal'],
    attributes: { sla: 'best effort', hours: 'Mon–Fri 07:00–19:00 CET' },
  }),
];

const technicalServices: Ci[] = [
  ci('tsvc-edge', 'technical_service', 'Edge delivery (CDN, DNS, API gateway)', 'team-network', 1, { tags: ['platform'] }),
  ci('tsvc-identity', 'technical_service', 'Identity & login (SSO)', 'team-identity', 1, { tags: ['platform', 'gdpr'] }),
  ci('tsvc-event-streaming', 'technical_service', 'Event streaming (Kafka)', 'team-platform', 1, { tags: ['platform'] }),
  ci('tsvc-k8s-platform', 'technical_service', 'Kubernetes platform', 'team-platform', 1, { tags: ['platform'] }),
  ci('tsvc-notifications', 'technical_service', 'Customer notifications (email, SMS)', 'team-fulfilment', 2, { tags: ['platform'] }),
  ci('tsvc-recommendations', 'technical_service', 'Recommendations', 'team-search', 3, { tags: ['ml'] }),
  ci('tsvc-observability', 'technical_service', 'Monitoring & logging', 'team-sre', 2, { tags: ['platform'] }),
  ci('tsvc-data-platform', 'technical_service', 'Data platform (Airflow, Snowflake)', 'team-data', 3, { tags: ['analytics'] }),
  ci('tsvc-backup', 'technical_service', 'Backup & recovery', 'team-infra', 2, { tags: ['platform', 'backup'] }),
];

const serviceRels: Relationship[] = [
  dependsOn('svc-storefront', 'tsvc-edge'),
  dependsOn('svc-storefront', 'svc-search', 'soft'),
  dependsOn('svc-storefront', 'svc-checkout', 'soft'),
  dependsOn('svc-storefront', 'svc-customer-accounts', 'soft'),
  dependsOn('svc-storefront', 'tsvc-recommendations', 'soft'),
  partOf('lb-storefront-pair', 'svc-storefront'),
  dependsOn('svc-checkout', 'svc-payments'),
  dependsOn('svc-checkout', 'tsvc-edge'),
  dependsOn('svc-checkout', 'lb-storefront-pair'),
  dependsOn('svc-checkout', 'svc-customer-accounts', 'soft'),
  dependsOn('svc-customer-accounts', 'tsvc-identity'),
  dependsOn('svc-customer-accounts', 'tsvc-edge'),
  dependsOn('svc-order-fulfilment', 'tsvc-event-streaming'),
  dependsOn('svc-order-fulfilment', 'tsvc-notifications', 'soft'),
  dependsOn('svc-internal-reporting', 'tsvc-data-platform'),
  dependsOn('svc-internal-reporting', 'tsvc-identity', 'soft'),
  partOf('cloud-cdn', 'tsvc-edge'),
  partOf('cloud-dns', 'tsvc-edge'),
  partOf('mq-kafka-cluster', 'tsvc-event-streaming'),
  partOf('k8s-prod', 'tsvc-k8s-platform'),
  partOf('k8s-batch', 'tsvc-k8s-platform', 'soft'),
  partOf('k8s-staging', 'tsvc-k8s-platform', 'soft'),
  partOf('cloud-snowflake', 'tsvc-data-platform'),
];

// ---------------------------------------------------------------------------------------------
// Applications and microservices
// ---------------------------------------------------------------------------------------------
function app(id: string, name: string, owner: string, criticality: Criticality, attributes: Record<string, string>, extra: CiExtra = {}): Ci {
  return ci(id, 'application', name, owner, criticality, { ...extra, attributes: { ...attributes, ...(extra.attributes ?? {}) } });
}

const applications: Ci[] = [
  // Storefront
  app('app-web-storefront', 'Storefront web (Next.js)', 'team-storefront', 1, { language: 'TypeScript', version: '5.42.0', repo: 'larkspur/storefront-web', namespace: 'storefront' }, { tags: ['customer-facing'] }),
  app('app-catalog-api', 'Catalog API', 'team-storefront', 1, { language: 'Kotlin', version: '3.18.2', repo: 'larkspur/catalog-api', namespace: 'storefront' }),
  app('app-pricing-api', 'Pricing API', 'team-storefront', 1, { language: 'Kotlin', version: '2.7.0', repo: 'larkspur/pricing-api', namespace: 'storefront' }),
  app('app-image-service', 'Image resizer', 'team-storefront', 3, { language: 'Go', version: '1.9.3', repo: 'larkspur/imgproxy-config', namespace: 'storefront' }),
  app('app-content-cms', 'Content CMS (Strapi)', 'team-storefront', 3, { language: 'JavaScript', version: 'Strapi 4.25', url: 'https://cms.larkspur.internal' }),
  // Edge
  app('app-api-gateway', 'API gateway (Kong)', 'team-platform', 1, { product: 'Kong Gateway', version: '3.7.1', namespace: 'edge' }, { tags: ['edge'] }),
  // Search and recommendations
  app('app-search-api', 'Search API', 'team-search', 2, { language: 'Java', version: '4.3.1', repo: 'larkspur/search-api', namespace: 'search' }),
  app('app-search-indexer', 'Search indexer', 'team-search', 3, { language: 'Java', version: '4.3.1', repo: 'larkspur/search-indexer', namespace: 'search' }),
  app('app-recommendations', 'Recommendations engine', 'team-search', 3, { language: 'Python', version: '0.19.4', repo: 'larkspur/reco', namespace: 'search' }, { tags: ['ml'] }),
  // Checkout
  app('app-cart-api', 'Cart API', 'team-checkout', 1, { language: 'Go', version: '2.31.0', repo: 'larkspur/cart-api', namespace: 'checkout' }),
  app('app-checkout-api', 'Checkout API', 'team-checkout', 1, { language: 'Kotlin', version: '2.14.3', repo: 'larkspur/checkout-api', namespace: 'checkout' }),
  app('app-order-api', 'Order API', 'team-checkout', 1, { language: 'Kotlin', version: '6.2.0', repo: 'larkspur/order-api', namespace: 'checkout' }, { tags: ['orders'] }),
  app('app-promotions-api', 'Promotions API', 'team-checkout', 3, { language: 'Go', version: '1.12.5', repo: 'larkspur/promotions-api', namespace: 'checkout' }),
  app('app-tax-service', 'Tax calculation (Vertex O Series)', 'team-checkout', 1, { product: 'Vertex O Series', version: '9.0.24', vendor: 'Vertex' }, { tags: ['vendor'] }),
  app('app-gift-cards-api', 'Gift cards API', 'team-checkout', 3, { language: 'Go', version: '0.4.0', repo: 'larkspur/gift-cards-api', namespace: 'checkout' }, {
    status: 'planned',
    tags: ['new'],
    attributes: { golive: '2025-Q3' },
  }),
  // Payments
  app('app-payment-gateway', 'Payment gateway service', 'team-payments', 1, { language: 'Java', version: '11.4.2', repo: 'larkspur/payment-gateway', namespace: 'payments' }, { tags: ['pci'] }),
  app('app-fraud-scoring', 'Fraud scoring', 'team-payments', 1, { language: 'Python', version: '3.8.0', repo: 'larkspur/fraud-scoring', namespace: 'payments', fallback: 'rules-only when order history is unavailable' }, { tags: ['pci', 'ml'] }),
  app('app-payment-reconciliation', 'Payment reconciliation (nightly)', 'team-payments', 2, { language: 'Python', version: '1.6.1', repo: 'larkspur/recon', schedule: '02:30 CET' }, { tags: ['pci', 'batch'] }),
  // Fulfilment
  app('app-fulfilment-worker', 'Fulfilment orchestrator', 'team-fulfilment', 2, { language: 'Kotlin', version: '4.0.7', repo: 'larkspur/fulfilment', namespace: 'fulfilment' }),
  app('app-inventory-api', 'Inventory API', 'team-fulfilment', 2, { language: 'PHP', version: '7.9.2', repo: 'larkspur/inventory', namespace: 'fulfilment' }, { tags: ['legacy'] }),
  app('app-warehouse-integration', 'Warehouse integration (WMS bridge)', 'team-fulfilment', 2, { language: 'C#', version: '2.3.0', repo: 'larkspur/wms-bridge' }, { tags: ['legacy'] }),
  app('app-shipping-api', 'Shipping & labels API', 'team-fulfilment', 2, { language: 'Go', version: '3.5.1', repo: 'larkspur/shipping-api', namespace: 'fulfilment' }),
  app('app-returns-api', 'Returns API', 'team-fulfilment', 3, { language: 'Go', version: '1.8.0', repo: 'larkspur/returns-api', namespace: 'fulfilment' }),
  app('app-notification-service', 'Notification service', 'team-fulfilment', 2, { language: 'TypeScript', version: '2.2.4', repo: 'larkspur/notify', namespace: 'fulfilment' }),
  // Customer accounts and identity
  app('app-account-api', 'Account API', 'team-identity', 2, { language: 'Kotlin', version: '5.1.0', repo: 'larkspur/account-api', namespace: 'identity' }, { tags: ['gdpr'] }),
  app('app-auth-service', 'Auth service (Keycloak)', 'team-identity', 1, { product: 'Keycloak', version: '25.0.6', namespace: 'identity' }, { tags: ['gdpr', 'tier-0'] }),
  app('app-order-history-api', 'Order history API', 'team-identity', 2, { language: 'Kotlin', version: '1.9.2', repo: 'larkspur/order-history', namespace: 'identity', reads: 'orders-db read pool (replicas)' }),
  app('app-loyalty-api', 'Loyalty points API', 'team-identity', 3, { language: 'TypeScript', version: '1.3.0', repo: 'larkspur/loyalty', namespace: 'identity' }),
  // Reporting and data
  app('app-reporting-etl', 'Reporting ETL (dbt jobs)', 'team-data', 3, { language: 'SQL/dbt', version: '1.8.7', repo: 'larkspur/dbt-reporting', schedule: 'hourly' }, { tags: ['batch'] }),
  app('app-bi-dashboards', 'BI dashboards (Metabase)', 'team-data', 3, { product: 'Metabase', version: '0.50.21', url: 'https://bi.larkspur.internal' }),
  app('app-airflow', 'Airflow scheduler', 'team-data', 3, { product: 'Apache Airflow', version: '2.10.2', namespace: 'data' }),
  // Platform
  app('app-schema-registry', 'Schema registry', 'team-platform', 2, { product: 'Confluent Schema Registry', version: '7.7.1', namespace: 'platform' }),
  app('app-argocd', 'Argo CD', 'team-platform', 3, { product: 'Argo CD', version: '2.12.4', namespace: 'argocd' }),
  app('app-prometheus', 'Prometheus', 'team-sre', 2, { product: 'Prometheus', version: '2.54.1' }, { tags: ['observability'] }),
  app('app-grafana', 'Grafana', 'team-sre', 3, { product: 'Grafana', version: '11.2.0', url: 'https://grafana.larkspur.internal' }, { tags: ['observability'] }),
  app('app-loki', 'Loki (logs)', 'team-sre', 3, { product: 'Grafana Loki', version: '3.1.1' }, { tags: ['observability'] }),
  app('app-veeam', 'Veeam Backup & Replication', 'team-infra', 2, { product: 'Veeam B&R', version: '12.2' }, { tags: ['backup'] }),
  app('app-pgbackrest', 'pgBackRest (orders-db backups)', 'team-dba', 2, { product: 'pgBackRest', version: '2.53', schedule: 'full Sun 01:00, diff daily' }, { tags: ['backup'] }),
  // Staging copies of the checkout path
  app('app-web-storefront-stg', 'Storefront web (staging)', 'team-storefront', 4, { version: '5.43.0-rc.2', namespace: 'storefront' }, { environment: 'staging', tags: ['staging'] }),
  app('app-checkout-api-stg', 'Checkout API (staging)', 'team-checkout', 4, { version: '2.15.0-rc.1', namespace: 'checkout' }, { environment: 'staging', tags: ['staging'] }),
  app('app-order-api-stg', 'Order API (staging)', 'team-checkout', 4, { version: '6.3.0-rc.1', namespace: 'checkout' }, { environment: 'staging', tags: ['staging'] }),
  // Retired
  app('app-legacy-checkout', 'Legacy checkout (Magento 1)', 'team-checkout', 4, { product: 'Magento', version: '1.9.4.5' }, { status: 'retired', tags: ['legacy', 'decommissioned'] }),
];

const applicationRels: Relationship[] = [
  // Storefront
  partOf('app-web-storefront', 'svc-storefront'),
  partOf('app-catalog-api', 'svc-storefront'),
  partOf('app-pricing-api', 'svc-storefront'),
  partOf('app-image-service', 'svc-storefront', 'soft'),
  partOf('app-content-cms', 'svc-storefront', 'soft'),
  dependsOn('app-web-storefront', 'app-catalog-api'),
  dependsOn('app-web-storefront', 'app-pricing-api'),
  dependsOn('app-web-storefront', 'cache-session-cluster'),
  dependsOn('app-web-storefront', 'app-cart-api', 'soft'),
  dependsOn('app-web-storefront', 'app-search-api', 'soft'),
  dependsOn('app-web-storefront', 'app-recommendations', 'soft'),
  dependsOn('app-web-storefront', 'app-content-cms', 'soft'),
  dependsOn('app-web-storefront', 'app-image-service', 'soft'),
  dependsOn('app-web-storefront', 'app-auth-service', 'soft'),
  dependsOn('app-catalog-api', 'db-catalog-cluster'),
  dependsOn('app-catalog-api', 'cache-catalog', 'soft'),
  dependsOn('app-catalog-api', 'mq-kafka-cluster', 'soft'),
  dependsOn('app-pricing-api', 'db-catalog-cluster'),
  dependsOn('app-pricing-api', 'app-promotions-api', 'soft'),
  dependsOn('app-image-service', 'cloud-s3-product-images'),
  dependsOn('app-content-cms', 'db-cms'),
  runsOn('app-content-cms', 'vm-cms-1'),
  // Edge
  partOf('app-api-gateway', 'tsvc-edge'),
  dependsOn('app-api-gateway', 'app-auth-service', 'soft'),
  // Search: the storefront still sells without recommendations, search still answers without them.
  partOf('app-search-api', 'svc-search'),
  partOf('app-search-indexer', 'svc-search', 'soft'),
  dependsOn('app-search-api', 'es-search-cluster'),
  dependsOn('app-search-api', 'app-recommendations', 'soft'),
  dependsOn('app-search-api', 'app-catalog-api', 'soft'),
  dependsOn('app-search-indexer', 'es-search-cluster'),
  dependsOn('app-search-indexer', 'mq-kafka-cluster'),
  dependsOn('app-search-indexer', 'app-catalog-api'),
  partOf('app-recommendations', 'tsvc-recommendations'),
  dependsOn('app-recommendations', 'cache-reco'),
  dependsOn('app-recommendations', 'cloud-snowflake', 'soft'),
  // Checkout
  partOf('app-cart-api', 'svc-checkout'),
  partOf('app-checkout-api', 'svc-checkout'),
  partOf('app-order-api', 'svc-checkout'),
  partOf('app-tax-service', 'svc-checkout'),
  partOf('app-promotions-api', 'svc-checkout', 'soft'),
  partOf('app-gift-cards-api', 'svc-checkout', 'soft'),
  dependsOn('app-cart-api', 'cache-cart-cluster'),
  dependsOn('app-cart-api', 'app-pricing-api'),
  dependsOn('app-cart-api', 'app-promotions-api', 'soft'),
  dependsOn('app-checkout-api', 'app-cart-api'),
  dependsOn('app-checkout-api', 'app-order-api'),
  dependsOn('app-checkout-api', 'app-tax-service'),
  dependsOn('app-checkout-api', 'lb-payments'),
  dependsOn('app-checkout-api', 'app-promotions-api', 'soft'),
  dependsOn('app-checkout-api', 'app-inventory-api', 'soft'),
  dependsOn('app-checkout-api', 'app-auth-service', 'soft'),
  // Order API writes every order to the orders-db primary; events go out through a transactional outbox.
  dependsOn('app-order-api', 'db-orders-primary'),
  dependsOn('app-order-api', 'mq-kafka-cluster', 'soft'),
  dependsOn('app-promotions-api', 'db-promotions'),
  runsOn('app-tax-service', 'vm-tax-1'),
  // Payments
  partOf('app-payment-gateway', 'svc-payments'),
  partOf('app-fraud-scoring', 'svc-payments'),
  partOf('lb-payments', 'svc-payments'),
  partOf('app-payment-reconciliation', 'svc-payments', 'soft'),
  dependsOn('app-payment-gateway', 'cloud-psp-adyen'),
  dependsOn('app-payment-gateway', 'db-payments-cluster'),
  dependsOn('app-payment-gateway', 'app-fraud-scoring'),
  // Fraud scoring reads recent order history from the primary; without it, it falls back to rules only.
  dependsOn('app-fraud-scoring', 'db-orders-primary', 'soft'),
  dependsOn('app-payment-reconciliation', 'db-payments-cluster'),
  dependsOn('app-payment-reconciliation', 'db-orders-cluster'),
  dependsOn('app-payment-reconciliation', 'cloud-psp-adyen'),
  // Fulfilment
  partOf('app-fulfilment-worker', 'svc-order-fulfilment'),
  partOf('app-inventory-api', 'svc-order-fulfilment'),
  partOf('app-warehouse-integration', 'svc-order-fulfilment'),
  partOf('app-shipping-api', 'svc-order-fulfilment'),
  partOf('app-returns-api', 'svc-order-fulfilment', 'soft'),
  dependsOn('app-fulfilment-worker', 'mq-kafka-cluster'),
  dependsOn('app-fulfilment-worker', 'app-inventory-api'),
  dependsOn('app-fulfilment-worker', 'app-shipping-api'),
  dependsOn('app-fulfilment-worker', 'app-warehouse-integration'),
  dependsOn('app-fulfilment-worker', 'app-order-api', 'soft'),
  dependsOn('app-inventory-api', 'db-inventory'),
  dependsOn('app-warehouse-integration', 'mq-rabbit-wms'),
  dependsOn('app-warehouse-integration', 'cloud-wms-saas'),
  runsOn('app-warehouse-integration', 'vm-wms-bridge-1'),
  dependsOn('app-shipping-api', 'db-fulfilment'),
  dependsOn('app-shipping-api', 'cloud-carrier-dhl'),
  dependsOn('app-shipping-api', 'cloud-carrier-ups', 'soft'),
  dependsOn('app-returns-api', 'db-fulfilment'),
  dependsOn('app-returns-api', 'app-order-api', 'soft'),
  partOf('app-notification-service', 'tsvc-notifications'),
  dependsOn('app-notification-service', 'mq-kafka-cluster'),
  dependsOn('app-notification-service', 'cloud-sendgrid'),
  dependsOn('app-notification-service', 'cloud-twilio', 'soft'),
  // Accounts and identity (account-api and auth-service call each other: a cycle, as real CMDBs have)
  partOf('app-account-api', 'svc-customer-accounts'),
  partOf('app-order-history-api', 'svc-customer-accounts'),
  partOf('app-loyalty-api', 'svc-customer-accounts', 'soft'),
  partOf('app-auth-service', 'tsvc-identity'),
  dependsOn('app-account-api', 'db-customers-cluster'),
  dependsOn('app-account-api', 'app-auth-service'),
  dependsOn('app-auth-service', 'db-identity-cluster'),
  dependsOn('app-auth-service', 'cache-session-cluster'),
  dependsOn('app-auth-service', 'app-account-api', 'soft'),
  // "My orders" reads through the orders-db read pool, i.e. the cluster, not the primary.
  dependsOn('app-order-history-api', 'db-orders-cluster'),
  dependsOn('app-loyalty-api', 'db-loyalty'),
  // Reporting
  partOf('app-reporting-etl', 'svc-internal-reporting'),
  partOf('app-bi-dashboards', 'svc-internal-reporting'),
  dependsOn('app-reporting-etl', 'db-orders-analytics-replica'),
  dependsOn('app-reporting-etl', 'cloud-snowflake'),
  dependsOn('app-reporting-etl', 'app-airflow'),
  dependsOn('app-bi-dashboards', 'cloud-snowflake'),
  dependsOn('app-bi-dashboards', 'app-auth-service', 'soft'),
  runsOn('app-bi-dashboards', 'vm-metabase-1'),
  partOf('app-airflow', 'tsvc-data-platform'),
  dependsOn('app-airflow', 'db-airflow'),
  // Platform
  partOf('app-schema-registry', 'tsvc-event-streaming'),
  dependsOn('app-schema-registry', 'mq-kafka-cluster'),
  partOf('app-argocd', 'tsvc-k8s-platform', 'soft'),
  partOf('app-prometheus', 'tsvc-observability'),
  partOf('app-grafana', 'tsvc-observability', 'soft'),
  partOf('app-loki', 'tsvc-observability', 'soft'),
  dependsOn('app-grafana', 'app-prometheus'),
  dependsOn('app-grafana', 'app-loki', 'soft'),
  dependsOn('app-grafana', 'app-auth-service', 'soft'),
  runsOn('app-prometheus', 'vm-mon-1'),
  runsOn('app-grafana', 'vm-mon-1'),
  runsOn('app-loki', 'vm-mon-2'),
  partOf('app-veeam', 'tsvc-backup'),
  partOf('app-pgbackrest', 'tsvc-backup'),
  dependsOn('app-veeam', 'stor-backup-b'),
  dependsOn('app-veeam', 'cloud-s3-backups', 'soft'),
  runsOn('app-veeam', 'vm-backup-1'),
  // Backups are taken from the DC-B replica, never from the primary.
  dependsOn('app-pgbackrest', 'db-orders-replica-2'),
  dependsOn('app-pgbackrest', 'cloud-s3-backups'),
  runsOn('app-pgbackrest', 'vm-pg-orders-3'),
  // Staging
  runsOn('app-web-storefront-stg', 'k8s-staging'),
  runsOn('app-checkout-api-stg', 'k8s-staging'),
  runsOn('app-order-api-stg', 'k8s-staging'),
  dependsOn('app-web-storefront-stg', 'app-checkout-api-stg'),
  dependsOn('app-checkout-api-stg', 'app-order-api-stg'),
  dependsOn('app-order-api-stg', 'db-orders-stg'),
  // Retired
  runsOn('app-legacy-checkout', 'vm-magento-old'),
];

// Applications scheduled on a Kubernetes cluster run on it as a whole (the cluster's redundancy rule applies).
const onK8sProd = [
  'app-web-storefront', 'app-catalog-api', 'app-pricing-api', 'app-image-service', 'app-api-gateway',
  'app-search-api', 'app-recommendations', 'app-cart-api', 'app-checkout-api', 'app-order-api',
  'app-promotions-api', 'app-gift-cards-api', 'app-payment-gateway', 'app-fraud-scoring', 'app-inventory-api',
  'app-shipping-api', 'app-returns-api', 'app-notification-service', 'app-account-api', 'app-auth-service',
  'app-order-history-api', 'app-loyalty-api', 'app-schema-registry', 'app-argocd',
];
const onK8sBatch = ['app-search-indexer', 'app-payment-reconciliation', 'app-fulfilment-worker', 'app-reporting-etl', 'app-airflow'];
const runtimeRels: Relationship[] = [
  ...onK8sProd.map((a) => runsOn(a, 'k8s-prod')),
  ...onK8sBatch.map((a) => runsOn(a, 'k8s-batch')),
];

// ---------------------------------------------------------------------------------------------
// Containers (pods): each is one replica, so it is a soft part of its application.
// ---------------------------------------------------------------------------------------------
// [app id (without "app-"), image tag, nodes its replicas are scheduled on]
type PodRow = [string, string, string[]];
const podRows: PodRow[] = [
  ['web-storefront', '5.42.0', ['srv-k8s-a1', 'srv-k8s-b1']],
  ['catalog-api', '3.18.2', ['srv-k8s-a2', 'srv-k8s-b2']],
  ['pricing-api', '2.7.0', ['srv-k8s-a3', 'srv-k8s-b3']],
  ['api-gateway', '3.7.1', ['srv-k8s-a1', 'srv-k8s-b2']],
  ['search-api', '4.3.1', ['srv-k8s-a2', 'srv-k8s-b3']],
  ['cart-api', '2.31.0', ['srv-k8s-a3', 'srv-k8s-b1']],
  ['checkout-api', '2.14.3', ['srv-k8s-a1', 'srv-k8s-b3']],
  ['order-api', '6.2.0', ['srv-k8s-a2', 'srv-k8s-b1']],
  ['payment-gateway', '11.4.2', ['srv-k8s-a3', 'srv-k8s-b2']],
  ['fraud-scoring', '3.8.0', ['srv-k8s-a1', 'srv-k8s-b2']],
  ['inventory-api', '7.9.2', ['srv-k8s-a2', 'srv-k8s-b3']],
  ['shipping-api', '3.5.1', ['srv-k8s-a3', 'srv-k8s-b1']],
  ['account-api', '5.1.0', ['srv-k8s-a1', 'srv-k8s-b1']],
  ['auth-service', '25.0.6', ['srv-k8s-a2', 'srv-k8s-b2']],
  ['image-service', '1.9.3', ['srv-k8s-b3']],
  ['recommendations', '0.19.4', ['srv-k8s-b1']],
  ['promotions-api', '1.12.5', ['srv-k8s-a3']],
  ['returns-api', '1.8.0', ['srv-k8s-b2']],
  ['notification-service', '2.2.4', ['srv-k8s-a1']],
  ['order-history-api', '1.9.2', ['srv-k8s-b3']],
  ['loyalty-api', '1.3.0', ['srv-k8s-a2']],
  ['schema-registry', '7.7.1', ['srv-k8s-b1']],
  ['argocd', '2.12.4', ['srv-k8s-a3']],
  ['search-indexer', '4.3.1', ['vm-k8s-batch-1']],
  ['payment-reconciliation', '1.6.1', ['vm-k8s-batch-2']],
  ['fulfilment-worker', '4.0.7', ['vm-k8s-batch-3', 'vm-k8s-batch-1']],
  ['reporting-etl', '1.8.7', ['vm-k8s-batch-2']],
  ['airflow', '2.10.2', ['vm-k8s-batch-3']],
  ['web-storefront-stg', '5.43.0-rc.2', ['vm-k8s-stg-1']],
  ['checkout-api-stg', '2.15.0-rc.1', ['vm-k8s-stg-2']],
  ['order-api-stg', '6.3.0-rc.1', ['vm-k8s-stg-1']],
];

const appById = new Map(applications.map((a) => [a.id, a]));
const containers: Ci[] = [];
const containerRels: Relationship[] = [];
for (const [short, tag, nodes] of podRows) {
  const owner = appById.get(`app-${short}`);
  if (!owner) throw new Error(`pod row for unknown application app-${short}`);
  const base = short.replace(/-stg$/, '');
  const replicaSet = podHash(short, 10);
  nodes.forEach((node, i) => {
    const id = `ctr-${short}-${i + 1}`;
    containers.push(
      ci(id, 'container', `${base}-${replicaSet}-${podHash(id, 5)}`, owner.owner, owner.criticality as Criticality, {
        environment: owner.environment,
        tags: owner.environment === 'production' ? ['kubernetes'] : ['kubernetes', 'staging'],
        attributes: {
          image: `registry.larkspur.internal/${base}:${tag}`,
          namespace: owner.attributes.namespace ?? base,
          node,
        },
      }),
    );
    containerRels.push(runsOn(id, node), partOf(id, owner.id, 'soft'));
  });
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------
export const SAMPLE_CIS: readonly Ci[] = [
  ...businessServices,
  ...technicalServices,
  ...applications,
  ...containers,
  ...databases,
  esCluster,
  ...caches,
  ...queues,
  ...k8sClusters,
  ...k8sNodes,
  ...farms,
  ...esxHosts,
  ...vms,
  ...loadBalancers,
  ...network,
  ...storage,
  ...cloud,
  ...sites,
];

export const SAMPLE_RELATIONSHIPS: readonly Relationship[] = [
  ...serviceRels,
  ...applicationRels,
  ...runtimeRels,
  ...containerRels,
  ...dataRels,
  ...lbRels,
  ...k8sRels,
  ...vmRels,
  ...storageRels,
  ...networkRels,
];

export function buildSampleDocument(): CmdbDocument {
  return {
    schemaVersion: 1,
    journalSeq: 0,
    cis: SAMPLE_CIS.map((c) => structuredClone(c)),
    relationships: SAMPLE_RELATIONSHIPS.map((r) => ({ ...r })),
    settings: {},
  };
}

// ---------------------------------------------------------------------------------------------
// What the sample demonstrates (README.md explains; test/unit/resources checks these against
// a brute-force reading of the ARCHITECTURE.md rules).
// ---------------------------------------------------------------------------------------------

/** The demo change: take the orders-db primary down (e.g. a PostgreSQL minor upgrade). */
export const ORDERS_PRIMARY_CHANGE = {
  targets: [{ ciId: 'db-orders-primary', mode: 'down' as const }],
  /** Every impacted CI (the target excluded) with its level; at_risk passes over hard edges and stops at soft ones. */
  expected: {
    'app-order-api': 'down',
    'app-checkout-api': 'down',
    'svc-checkout': 'down',
    'app-fraud-scoring': 'degraded',
    'app-payment-gateway': 'degraded',
    'lb-payments': 'degraded',
    'svc-payments': 'degraded',
    'app-fulfilment-worker': 'degraded',
    'app-returns-api': 'degraded',
    'svc-order-fulfilment': 'degraded',
    'svc-storefront': 'degraded',
    'db-orders-analytics-replica': 'degraded',
    'app-reporting-etl': 'degraded',
    'svc-internal-reporting': 'degraded',
    'db-orders-cluster': 'at_risk',
    'app-order-history-api': 'at_risk',
    'app-payment-reconciliation': 'at_risk',
    'svc-customer-accounts': 'at_risk',
  } satisfies Record<string, ImpactLevel>,
  /** The redundancy group and what it reports. */
  redundancyGroup: { ciId: 'db-orders-cluster', lost: 1, total: 3, needs: 2, text: 'lost 1 of 3, needs 2' },
  /** Untouched: the replicas themselves, what stands on them directly, and services off the orders path. */
  unaffected: ['db-orders-replica-1', 'db-orders-replica-2', 'app-pgbackrest', 'tsvc-backup', 'svc-search', 'tsvc-identity'],
} as const;

/**
 * Single points of failure of Checkout: every CI whose failure alone takes svc-checkout down.
 * Members of redundancy groups (k8s nodes, ESXi hosts, cache and Kafka nodes, the storefront F5s,
 * core switches, DB standbys) are not in it; the lone payments load balancer is.
 */
export const CHECKOUT_SPOFS: readonly string[] = [
  // the applications Checkout is made of, and what they call with no fallback
  'app-cart-api',
  'app-checkout-api',
  'app-order-api',
  'app-tax-service',
  'app-pricing-api',
  // Payments, which Checkout hard-depends on, with its one load balancer
  'svc-payments',
  'lb-payments',
  'app-payment-gateway',
  'app-fraud-scoring',
  'cloud-psp-adyen',
  // edge
  'tsvc-edge',
  'cloud-cdn',
  'cloud-dns',
  'app-api-gateway',
  'lb-storefront-pair',
  // data stores as a whole (their members are not SPOFs)
  'db-orders-primary',
  'db-catalog-cluster',
  'db-payments-cluster',
  'cache-cart-cluster',
  // runtime and infrastructure in DC-A under the tax VM, the orders primary and the payments F5
  'k8s-prod',
  'vm-tax-1',
  'vm-pg-orders-1',
  'vmw-farm-a',
  'stor-san-a',
  'net-core-fabric-a',
  'site-dc-a',
];
