// A small hand-built CMDB full of awkward values: delimiters, quotes, line breaks, unicode,
// formula-leading cells, XML specials, control characters, a lone surrogate.
import { CiSchema, RelationshipSchema, type Ci, type Relationship } from '../../../../../src/shared/model';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-02-03T04:05:06.789Z';

const awkwardAttributes = { os: 'linux', 'a.b': 'dotted key', 'k,"q"': '@SUM(A1)', 'multi\nline': 'v1\r\nv2' };

const rawCis: unknown[] = [
  {
    id: 'ci_pay',
    name: 'Payments, "EU" <prod> & co',
    class: 'business_service',
    environment: 'production',
    criticality: 1,
    owner: '=HYPERLINK("http://evil.example","click")',
    status: 'live',
    tags: ['pci', '-negative', 'a b'],
    attributes: awkwardAttributes,
    externalIds: { servicenow: '-0001', backstage: 'component:default/pay' },
    redundancy: { minHealthy: 2 },
    createdAt: T0,
    updatedAt: T1,
  },
  {
    id: 'ci_db',
    name: 'Line one\nLine two\r\nLine three',
    class: 'database',
    environment: 'prod, eu-west',
    criticality: 2,
    owner: "O'Brien",
    status: 'planned',
    tags: [],
    attributes: { tabbed: '\tcmd', cr: '\rcmd', plus: '+1', at: '@here', minus: '-5', quoted: "'=already", quotedPlain: "'plain" },
    externalIds: {},
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'ci_uni',
    name: 'ünïcødé 日本語 🚀 ­ end',
    class: 'virtual_machine',
    environment: '',
    criticality: 4,
    owner: '',
    status: 'retired',
    tags: ['emoji🚀'],
    attributes: { empty: '' },
    externalIds: { terraform: 'aws_instance.web[0]' },
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'ci_ctrl',
    name: 'bell\u0007 nul\u0000 esc\u001b back\\slash "x" ] ; -> "y"',
    class: 'server',
    environment: 'lab',
    criticality: 3,
    owner: 'ops@example.com',
    status: 'live',
    tags: ['x'],
    attributes: { xml: '<a href="x">&amp;</a>', lone: 'half \ud800 surrogate' },
    externalIds: {},
    createdAt: T0,
    updatedAt: T0,
  },
  {
    id: 'ci_lb',
    name: '@loadbalancer',
    class: 'load_balancer',
    environment: 'production',
    criticality: 2,
    owner: 'net',
    status: 'live',
    tags: [],
    attributes: {},
    externalIds: {},
    redundancy: { minHealthy: 1 },
    createdAt: T0,
    updatedAt: T0,
  },
];

const rawRelationships: unknown[] = [
  { id: 'rel_1', source: 'ci_pay', target: 'ci_db', type: 'depends_on', strength: 'hard' },
  { id: 'rel_2', source: 'ci_db', target: 'ci_uni', type: 'runs_on', strength: 'soft', inferred: true },
  { id: 'rel_3', source: 'ci_uni', target: 'ci_lb', type: 'member_of', strength: 'hard', inferred: false },
  { id: 'rel_4', source: 'ci_pay', target: 'ci_db', type: 'part_of', strength: 'soft' },
  { id: 'rel_5', source: 'ci_ctrl', target: 'ci_lb', type: 'connects_to', strength: 'hard' },
];

export const FIXTURE_CIS: Ci[] = rawCis.map((c) => CiSchema.parse(c));
export const FIXTURE_RELATIONSHIPS: Relationship[] = rawRelationships.map((r) => RelationshipSchema.parse(r));

/** Shuffled on purpose: writers must sort. Includes one edge to a CI outside the scope. */
export function fixtureScope(): { cis: Ci[]; relationships: Relationship[] } {
  const dangling = RelationshipSchema.parse({ id: 'rel_out', source: 'ci_pay', target: 'ci_elsewhere', type: 'depends_on', strength: 'hard' });
  return { cis: [...FIXTURE_CIS].reverse(), relationships: [dangling, ...[...FIXTURE_RELATIONSHIPS].reverse()] };
}

export function sortedById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A CI built without the schema whose attributes hold an own `__proto__` key (JSON.parse makes
 * one, as a hostile file would): writers must treat it as data.
 */
export function protoKeyCi(): Ci {
  return JSON.parse(
    JSON.stringify({ ...FIXTURE_CIS[4], id: 'ci_proto', name: 'proto' }).replace('"attributes":{}', '"attributes":{"__proto__":"polluted?"}'),
  ) as Ci;
}
