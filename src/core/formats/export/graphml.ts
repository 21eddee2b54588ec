// GraphML export that yEd opens with labels shown and Gephi/NetworkX read as plain GraphML.
// yEd draws nodes from the yFiles extension (http://www.yworks.com/xml/graphml): a key with
// yfiles.type="nodegraphics" (d6) whose data holds y:ShapeNode with a y:NodeLabel, and
// yfiles.type="edgegraphics" (d10) with y:PolyLineEdge. Every field is also a plain typed
// data key, so nothing depends on the yFiles part. A field a CI lacks has no data element.
import type { Ci, Relationship } from '../../../shared/model';
import { CLASS_STYLES } from './class-style';
import { normalizeScope, type ExportScope } from './scope';
import { TAG_SEPARATOR, unionOfKeys } from './table';
import { escapeXml, xmlAttributes } from './xml';
import { runSteps, STEP_SLICE, type Steps } from '../../steps';

export const YED_NAMESPACE = 'http://www.yworks.com/xml/graphml';
export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

const NODE_GRAPHICS_KEY = 'd6';
const EDGE_GRAPHICS_KEY = 'd10';

type GraphmlType = 'string' | 'int' | 'boolean';

interface DataKey<T> {
  id: string;
  name: string;
  type: GraphmlType;
  value: (item: T) => string | number | boolean | undefined;
}

function ciKeys(cis: readonly Ci[]): DataKey<Ci>[] {
  const attributeKeys = unionOfKeys(cis.map((ci) => ci.attributes));
  const systems = unionOfKeys(cis.map((ci) => ci.externalIds));
  return [
    { id: 'n_name', name: 'name', type: 'string', value: (ci) => ci.name },
    { id: 'n_class', name: 'class', type: 'string', value: (ci) => ci.class },
    { id: 'n_environment', name: 'environment', type: 'string', value: (ci) => ci.environment },
    { id: 'n_criticality', name: 'criticality', type: 'int', value: (ci) => ci.criticality },
    { id: 'n_owner', name: 'owner', type: 'string', value: (ci) => ci.owner },
    { id: 'n_status', name: 'status', type: 'string', value: (ci) => ci.status },
    { id: 'n_tags', name: 'tags', type: 'string', value: (ci) => ci.tags.join(TAG_SEPARATOR) },
    { id: 'n_redundancy_min_healthy', name: 'redundancy_min_healthy', type: 'int', value: (ci) => ci.redundancy?.minHealthy },
    { id: 'n_createdAt', name: 'createdAt', type: 'string', value: (ci) => ci.createdAt },
    { id: 'n_updatedAt', name: 'updatedAt', type: 'string', value: (ci) => ci.updatedAt },
    ...attributeKeys.map(
      (key, i): DataKey<Ci> => ({ id: `n_attr_${i}`, name: `attr.${key}`, type: 'string', value: (ci) => ownValue(ci.attributes, key) }),
    ),
    ...systems.map(
      (system, i): DataKey<Ci> => ({ id: `n_ext_${i}`, name: `ext.${system}`, type: 'string', value: (ci) => ownValue(ci.externalIds, system) }),
    ),
  ];
}

const RELATIONSHIP_KEYS: DataKey<Relationship>[] = [
  { id: 'e_type', name: 'type', type: 'string', value: (rel) => rel.type },
  { id: 'e_strength', name: 'strength', type: 'string', value: (rel) => rel.strength },
  { id: 'e_inferred', name: 'inferred', type: 'boolean', value: (rel) => rel.inferred },
];

function ownValue(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function keyElement(key: Pick<DataKey<never>, 'id' | 'name' | 'type'>, domain: 'node' | 'edge'): string {
  return `  <key${xmlAttributes({ id: key.id, for: domain, 'attr.name': key.name, 'attr.type': key.type })}/>`;
}

function dataElements<T>(keys: readonly DataKey<T>[], item: T, indent: string): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const value = key.value(item);
    if (value === undefined) continue;
    out.push(`${indent}<data key="${key.id}">${escapeXml(String(value))}</data>`);
  }
  return out;
}

const GRID_X = 240;
const GRID_Y = 100;

function shapeNode(ci: Ci, index: number, columns: number): string {
  const style = CLASS_STYLES[ci.class];
  const lines = ci.name.split(/\r\n|\r|\n/);
  const longest = Math.max(...lines.map((l) => [...l].length));
  const width = Math.min(400, Math.max(80, longest * 8 + 24));
  const height = 30 + 16 * (lines.length - 1);
  const x = (index % columns) * GRID_X;
  const y = Math.floor(index / columns) * GRID_Y;
  return (
    `<y:ShapeNode><y:Geometry${xmlAttributes({ height, width, x, y })}/>` +
    `<y:Fill color="${style.color}" transparent="false"/>` +
    `<y:BorderStyle color="#333333" type="line" width="1.0"/>` +
    `<y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" fontStyle="plain" ` +
    `modelName="internal" modelPosition="c" textColor="#000000" visible="true">${escapeXml(ci.name)}</y:NodeLabel>` +
    `<y:Shape type="${style.yedShape}"/></y:ShapeNode>`
  );
}

function polyLineEdge(rel: Relationship): string {
  const line = rel.strength === 'soft' ? 'dashed' : 'line';
  return (
    `<y:PolyLineEdge><y:LineStyle color="#333333" type="${line}" width="1.0"/>` +
    `<y:Arrows source="none" target="standard"/>` +
    `<y:EdgeLabel alignment="center" fontFamily="Dialog" fontSize="10" fontStyle="plain" modelName="centered" ` +
    `modelPosition="center" preferredPlacement="anywhere" textColor="#555555" visible="true">${escapeXml(rel.type)}</y:EdgeLabel>` +
    `<y:BendStyle smoothed="false"/></y:PolyLineEdge>`
  );
}

export function writeGraphml(scope: ExportScope): string {
  return runSteps(writeGraphmlSteps(scope));
}

export function* writeGraphmlSteps(scope: ExportScope): Steps<string> {
  const { cis, relationships } = normalizeScope(scope);
  const nodeKeys = ciKeys(cis);
  const columns = Math.max(1, Math.ceil(Math.sqrt(cis.length)));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xmlns:y="${YED_NAMESPACE}" xsi:schemaLocation="${GRAPHML_NAMESPACE} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">`,
    ...nodeKeys.map((key) => keyElement(key, 'node')),
    ...RELATIONSHIP_KEYS.map((key) => keyElement(key, 'edge')),
    `  <key for="node" id="${NODE_GRAPHICS_KEY}" yfiles.type="nodegraphics"/>`,
    `  <key for="edge" id="${EDGE_GRAPHICS_KEY}" yfiles.type="edgegraphics"/>`,
    '  <graph id="G" edgedefault="directed">',
  ];
  for (let index = 0; index < cis.length; index++) {
    if (index > 0 && index % STEP_SLICE === 0) yield;
    const ci = cis[index];
    out.push(`    <node${xmlAttributes({ id: ci.id })}>`);
    for (const element of dataElements(nodeKeys, ci, '      ')) out.push(element);
    out.push(`      <data key="${NODE_GRAPHICS_KEY}">${shapeNode(ci, index, columns)}</data>`);
    out.push('    </node>');
  }
  let done = 0;
  for (const rel of relationships) {
    if (++done % STEP_SLICE === 0) yield;
    out.push(`    <edge${xmlAttributes({ id: rel.id, source: rel.source, target: rel.target })}>`);
    for (const element of dataElements(RELATIONSHIP_KEYS, rel, '      ')) out.push(element);
    out.push(`      <data key="${EDGE_GRAPHICS_KEY}">${polyLineEdge(rel)}</data>`);
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
