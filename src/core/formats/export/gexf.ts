// GEXF 1.3 export for Gephi: nodes with label, colour by class and one attvalue per field;
// edges with the relationship type as label and kind (so parallel edges of different types
// stay apart), soft edges dashed. A field a CI lacks has no attvalue.
import type { Ci, Relationship } from '../../../shared/model';
import { CLASS_STYLES, rgbOf } from './class-style';
import { normalizeScope, type ExportScope } from './scope';
import { TAG_SEPARATOR, unionOfKeys } from './table';
import { xmlAttributes } from './xml';
import { runSteps, STEP_SLICE, type Steps } from '../../steps';

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';
export const GEXF_VIZ_NAMESPACE = 'http://gexf.net/1.3/viz';

export interface GexfOptions {
  /** meta lastmodifieddate (YYYY-MM-DD); left out unless given, so the output is deterministic. */
  lastModified?: string;
}

type GexfType = 'string' | 'integer' | 'boolean';

interface Attribute<T> {
  id: string;
  title: string;
  type: GexfType;
  value: (item: T) => string | number | boolean | undefined;
}

function ownValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function ciAttributes(cis: readonly Ci[]): Attribute<Ci>[] {
  const attributeKeys = unionOfKeys(cis.map((ci) => ci.attributes));
  const systems = unionOfKeys(cis.map((ci) => ci.externalIds));
  return [
    { id: 'class', title: 'class', type: 'string', value: (ci) => ci.class },
    { id: 'environment', title: 'environment', type: 'string', value: (ci) => ci.environment },
    { id: 'criticality', title: 'criticality', type: 'integer', value: (ci) => ci.criticality },
    { id: 'owner', title: 'owner', type: 'string', value: (ci) => ci.owner },
    { id: 'status', title: 'status', type: 'string', value: (ci) => ci.status },
    { id: 'tags', title: 'tags', type: 'string', value: (ci) => ci.tags.join(TAG_SEPARATOR) },
    { id: 'redundancy_min_healthy', title: 'redundancy_min_healthy', type: 'integer', value: (ci) => ci.redundancy?.minHealthy },
    { id: 'createdAt', title: 'createdAt', type: 'string', value: (ci) => ci.createdAt },
    { id: 'updatedAt', title: 'updatedAt', type: 'string', value: (ci) => ci.updatedAt },
    ...attributeKeys.map(
      (key, i): Attribute<Ci> => ({ id: `attr_${i}`, title: `attr.${key}`, type: 'string', value: (ci) => ownValue(ci.attributes, key) }),
    ),
    ...systems.map(
      (system, i): Attribute<Ci> => ({ id: `ext_${i}`, title: `ext.${system}`, type: 'string', value: (ci) => ownValue(ci.externalIds, system) }),
    ),
  ];
}

const RELATIONSHIP_ATTRIBUTES: Attribute<Relationship>[] = [
  { id: 'type', title: 'type', type: 'string', value: (rel) => rel.type },
  { id: 'strength', title: 'strength', type: 'string', value: (rel) => rel.strength },
  { id: 'inferred', title: 'inferred', type: 'boolean', value: (rel) => rel.inferred },
];

function attributeDeclarations<T>(domain: 'node' | 'edge', attributes: readonly Attribute<T>[]): string[] {
  return [
    `    <attributes class="${domain}">`,
    ...attributes.map((a) => `      <attribute${xmlAttributes({ id: a.id, title: a.title, type: a.type })}/>`),
    '    </attributes>',
  ];
}

function attvalues<T>(attributes: readonly Attribute<T>[], item: T): string[] {
  const values: string[] = [];
  for (const a of attributes) {
    const value = a.value(item);
    if (value === undefined) continue;
    values.push(`          <attvalue${xmlAttributes({ for: a.id, value: String(value) })}/>`);
  }
  return values.length === 0 ? [] : ['        <attvalues>', ...values, '        </attvalues>'];
}

export function writeGexf(scope: ExportScope, options: GexfOptions = {}): string {
  return runSteps(writeGexfSteps(scope, options));
}

export function* writeGexfSteps(scope: ExportScope, options: GexfOptions = {}): Steps<string> {
  const { cis, relationships } = normalizeScope(scope);
  const nodeAttributes = ciAttributes(cis);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gexf xmlns="${GEXF_NAMESPACE}" xmlns:viz="${GEXF_VIZ_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xsi:schemaLocation="${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd" version="1.3">`,
    `  <meta${xmlAttributes({ lastmodifieddate: options.lastModified })}>`,
    '    <creator>Faultline</creator>',
    '    <description>CMDB configuration items and relationships</description>',
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    ...attributeDeclarations('node', nodeAttributes),
    ...attributeDeclarations('edge', RELATIONSHIP_ATTRIBUTES),
    '    <nodes>',
  ];
  let done = 0;
  for (const ci of cis) {
    if (++done % STEP_SLICE === 0) yield;
    const { r, g, b } = rgbOf(CLASS_STYLES[ci.class].color);
    out.push(`      <node${xmlAttributes({ id: ci.id, label: ci.name })}>`);
    for (const element of attvalues(nodeAttributes, ci)) out.push(element);
    out.push(`        <viz:color r="${r}" g="${g}" b="${b}"/>`);
    out.push('      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const rel of relationships) {
    if (++done % STEP_SLICE === 0) yield;
    out.push(`      <edge${xmlAttributes({ id: rel.id, source: rel.source, target: rel.target, label: rel.type, kind: rel.type })}>`);
    for (const element of attvalues(RELATIONSHIP_ATTRIBUTES, rel)) out.push(element);
    if (rel.strength === 'soft') out.push('        <viz:shape value="dashed"/>');
    out.push('      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
