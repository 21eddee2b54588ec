import { describe, expect, it } from 'vitest';
import type { Relationship } from '../../../src/shared/model';
import type { GraphView } from '../../../src/shared/operations';
import { groupNeighbourhood, groupSummary, HOOD_GROUP_PREFIX, neighbourhoodFocus } from '../../../src/renderer/graph/neighbourhood-groups';
import { ci } from '../../support/ci-fixture';

// A site with 12 servers and 2 switches hosted on it; each server connects to one switch; server 1 runs 3 VMs.
const servers = Array.from({ length: 12 }, (_, i) => ci(`srv-${String(i).padStart(2, '0')}`, `server ${i}`, { class: 'server', criticality: i === 5 ? 1 : 3 }));
const switches = [ci('sw-a', 'switch a', { class: 'network_device' }), ci('sw-b', 'switch b', { class: 'network_device' })];
const vms = [1, 2, 3].map((n) => ci(`vm-${n}`, `vm ${n}`, { class: 'virtual_machine' }));
const rel = (id: string, source: string, type: Relationship['type'], target: string): Relationship => ({ id, source, target, type, strength: 'hard' });
const edges: Relationship[] = [
  ...servers.map((s) => rel(`h-${s.id}`, s.id, 'hosted_on', 'site')),
  ...switches.map((s) => rel(`h-${s.id}`, s.id, 'hosted_on', 'site')),
  ...servers.map((s, i) => rel(`c-${s.id}`, s.id, 'connects_to', i % 3 === 0 ? 'sw-b' : 'sw-a')),
  ...vms.map((v) => rel(`r-${v.id}`, v.id, 'runs_on', 'srv-01')),
];
const view: GraphView = {
  nodes: [ci('site', 'Site', { class: 'site' }), ...servers, ...switches, ...vms],
  edges,
  totalCis: 18,
  matchingCis: 18,
  truncated: false,
  mode: 'neighbourhood',
  notice: null,
  focusCiId: 'site',
};
const SERVERS = `${HOOD_GROUP_PREFIX}site|server|hosted_on|in`;

describe('groupNeighbourhood', () => {
  it('keeps the CIs’ own relationships where both ends are drawn', () => {
    const g = groupNeighbourhood(view, 'site', new Set())!;
    expect(g.view.edges.filter((e) => e.target === 'site' && e.source.startsWith('sw-')).map((e) => e.id).sort()).toEqual(['h-sw-a', 'h-sw-b']);
  });

  it('draws the more than 10 servers hosted on the focus as one counted group, and adds up the edges between what is drawn', () => {
    const g = groupNeighbourhood(view, 'site', new Set())!;
    expect(g.view.nodes.map((n) => n.id).sort()).toEqual([SERVERS, 'site', 'sw-a', 'sw-b', 'vm-1', 'vm-2', 'vm-3'].sort());
    const group = g.view.nodes.find((n) => n.id === SERVERS)!;
    expect(group).toMatchObject({ name: '12 servers', class: 'server', criticality: 1 });
    expect(g.members.get(SERVERS)).toHaveLength(12);
    expect([...g.decor.groupIds]).toEqual([SERVERS]);
    const counts = Object.fromEntries(g.view.edges.map((e) => [`${e.source}>${e.target}`, g.decor.edgeLabels.get(e.id) ?? e.type]));
    expect(counts).toEqual({
      [`${SERVERS}>site`]: '×12',
      [`${SERVERS}>sw-a`]: '×8',
      [`${SERVERS}>sw-b`]: '×4',
      'sw-a>site': 'hosted_on',
      'sw-b>site': 'hosted_on',
      [`vm-1>${SERVERS}`]: 'runs_on',
      [`vm-2>${SERVERS}`]: 'runs_on',
      [`vm-3>${SERVERS}`]: 'runs_on',
    });
    expect(g.view.notice).toBeNull();
    expect(groupSummary(g)).toBe('12 CIs in 1 group: click one to draw its members');
  });

  it('draws an expanded group member by member, and a view with no crowd as it is', () => {
    const g = groupNeighbourhood(view, 'site', new Set([SERVERS]))!;
    expect(g).toBeNull();
    expect(groupNeighbourhood(view, 'site', new Set(), 12)).toBeNull();
    expect(groupNeighbourhood(view, 'missing', new Set())).toBeNull();
  });
});

describe('neighbourhoodFocus', () => {
  it('is the CI the drawn view was asked to centre on, or the one the server chose', () => {
    expect(neighbourhoodFocus(view, 'srv-01')).toBe('srv-01');
    expect(neighbourhoodFocus(view, null)).toBe('site');
    expect(neighbourhoodFocus({ ...view, mode: 'all', focusCiId: null }, null)).toBeNull();
    expect(neighbourhoodFocus(null, 'site')).toBeNull();
  });
});
