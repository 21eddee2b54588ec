// ServiceNow CMDB exports: `cmdb_ci` (and its class tables) and `cmdb_rel_ci`, and
// `change_request` (read in servicenow-changes.ts), `incident` and `problem` (read in
// servicenow-incidents.ts), as CSV or as
// JSON (`{ "records": [...] }` from the JSON export, `{ "result": [...] }` from the Table API,
// or a bare array). Reference fields may be sys_ids, display values, or Table API objects
// `{ value, display_value, link }`. CIs are keyed by sys_id (externalIds.servicenow); a CSV
// list export without sys_id falls back to names, matched by class and name.
import type { CiClass, RelationshipType, Strength } from '../../../shared/model';
import { BatchBuilder } from './builder';
import { checkRecordWidth, readCsv, reportCsvTable } from './csv-reader';
import { readJson } from './json-reader';
import { guard, resolveLimits, RowBudget } from './limits';
import {
  getOwn,
  isForbiddenKey,
  isRecord,
  normalizeCriticality,
  normalizeStatus,
} from './normalize';
import { restoreCell } from '../export/neutralize';
import { CHANGE_COLUMN_ALIASES, readChangeRequests } from './servicenow-changes';
import { INCIDENT_COLUMN_ALIASES, readIncidents, readProblems, serviceNowTable } from './servicenow-incidents';
import { reference, SYS_ID, type SnRow } from './servicenow-rows';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions } from './types';

export const SERVICENOW_SYSTEM = 'servicenow';

export interface ServiceNowOptions extends ImportOptions {
  /** Extra or overriding sys_class_name → class entries. */
  classMap?: Readonly<Record<string, CiClass>>;
}

/** sys_class_name (table) → Faultline class. */
export const SERVICENOW_CLASSES: Readonly<Record<string, CiClass>> = {
  cmdb_ci_appl: 'application',
  cmdb_ci_app_server: 'application',
  cmdb_ci_app_server_tomcat: 'application',
  cmdb_ci_app_server_java: 'application',
  cmdb_ci_web_server: 'application',
  cmdb_ci_db_instance: 'database',
  cmdb_ci_database: 'database',
  cmdb_ci_db_mysql_instance: 'database',
  cmdb_ci_db_ora_instance: 'database',
  cmdb_ci_db_mssql_instance: 'database',
  cmdb_ci_db_postgresql_instance: 'database',
  cmdb_ci_server: 'server',
  cmdb_ci_linux_server: 'server',
  cmdb_ci_unix_server: 'server',
  cmdb_ci_win_server: 'server',
  cmdb_ci_esx_server: 'server',
  cmdb_ci_hardware: 'server',
  cmdb_ci_computer: 'server',
  cmdb_ci_vm_instance: 'virtual_machine',
  cmdb_ci_vmware_instance: 'virtual_machine',
  cmdb_ci_vm: 'virtual_machine',
  cmdb_ci_service: 'business_service',
  cmdb_ci_service_business: 'business_service',
  service_offering: 'business_service',
  cmdb_ci_service_discovered: 'technical_service',
  cmdb_ci_service_auto: 'technical_service',
  cmdb_ci_service_technical: 'technical_service',
  cmdb_ci_service_calculated: 'technical_service',
  cmdb_ci_lb: 'load_balancer',
  cmdb_ci_lb_bigip: 'load_balancer',
  cmdb_ci_lb_service: 'load_balancer',
  cmdb_ci_netgear: 'network_device',
  cmdb_ci_ip_switch: 'network_device',
  cmdb_ci_ip_router: 'network_device',
  cmdb_ci_ip_firewall: 'network_device',
  cmdb_ci_storage_device: 'storage',
  cmdb_ci_storage_server: 'storage',
  cmdb_ci_san: 'storage',
  cmdb_ci_nas_storage: 'storage',
  cmdb_ci_cluster: 'cluster',
  cmdb_ci_win_cluster: 'cluster',
  cmdb_ci_unix_cluster: 'cluster',
  cmdb_ci_kubernetes_cluster: 'cluster',
  cmdb_ci_docker_container: 'container',
  cmdb_ci_kubernetes_pod: 'container',
  cmdb_ci_cloud_service_account: 'cloud_resource',
  cmdb_ci_cloud_database: 'database',
  cmdb_ci_datacenter: 'site',
  cmn_location: 'site',
  cmdb_ci_rack: 'site',
  cmdb_ci_queue: 'message_queue',
};

/** Display names some exports use instead of table names. */
const CLASS_LABELS: Readonly<Record<string, CiClass>> = {
  application: 'application',
  'database instance': 'database',
  database: 'database',
  server: 'server',
  'linux server': 'server',
  'unix server': 'server',
  'windows server': 'server',
  'virtual machine instance': 'virtual_machine',
  'vmware virtual machine instance': 'virtual_machine',
  'business service': 'business_service',
  service: 'business_service',
  'mapped application service': 'technical_service',
  'application service': 'technical_service',
  'technical service': 'technical_service',
  'load balancer': 'load_balancer',
  'network gear': 'network_device',
  'storage device': 'storage',
  cluster: 'cluster',
};

/** Heuristics for class tables not in the table above (there are hundreds). */
function guessClass(table: string): CiClass | undefined {
  if (!table.startsWith('cmdb_ci')) return undefined;
  if (/_db_|database/.test(table)) return 'database';
  if (/cluster/.test(table)) return 'cluster';
  if (/_vm|virtual/.test(table)) return 'virtual_machine';
  if (/_server$/.test(table)) return 'server';
  if (/_lb|load_bal/.test(table)) return 'load_balancer';
  if (/_ip_|switch|router|firewall|netgear|network/.test(table)) return 'network_device';
  if (/storage|_san|_nas|disk/.test(table)) return 'storage';
  if (/container|docker|pod/.test(table)) return 'container';
  if (/service/.test(table)) return 'technical_service';
  if (/appl|app_server/.test(table)) return 'application';
  if (/cloud|aws|azure|gcp/.test(table)) return 'cloud_resource';
  return undefined;
}

export function serviceNowClass(value: string, extra?: Readonly<Record<string, CiClass>>): CiClass | undefined {
  const key = value.trim();
  const lower = key.toLowerCase();
  if (extra && Object.prototype.hasOwnProperty.call(extra, key)) return extra[key];
  if (Object.prototype.hasOwnProperty.call(SERVICENOW_CLASSES, lower)) return SERVICENOW_CLASSES[lower];
  if (Object.prototype.hasOwnProperty.call(CLASS_LABELS, lower)) return CLASS_LABELS[lower];
  return guessClass(lower);
}

interface RelationshipRule {
  /** Which end becomes the Faultline source. */
  from: 'parent' | 'child';
  type: RelationshipType;
  strength?: Strength;
}

/** cmdb_rel_type names (`parent descriptor::child descriptor`) → how the edge reads in Faultline. */
export const SERVICENOW_RELATIONSHIPS: Readonly<Record<string, RelationshipRule>> = {
  'depends on::used by': { from: 'parent', type: 'depends_on' },
  'uses::used by': { from: 'parent', type: 'depends_on' },
  'runs on::runs': { from: 'parent', type: 'runs_on' },
  'virtualized by::virtualizes': { from: 'parent', type: 'runs_on' },
  'hosted on::hosts': { from: 'parent', type: 'hosted_on' },
  'located in::houses': { from: 'parent', type: 'hosted_on' },
  'stored on::stores': { from: 'parent', type: 'depends_on' },
  'powered by::powers': { from: 'parent', type: 'depends_on' },
  'connected by::connects': { from: 'parent', type: 'connects_to' },
  'ip connection::ip connection': { from: 'parent', type: 'connects_to' },
  'contains::contained by': { from: 'child', type: 'part_of' },
  'members::member of': { from: 'child', type: 'member_of' },
  'cluster of::cluster': { from: 'child', type: 'member_of' },
  'receives data from::sends data to': { from: 'parent', type: 'depends_on', strength: 'soft' },
  'sends data to::receives data from': { from: 'parent', type: 'depends_on', strength: 'soft' },
  'exchange data with::exchange data with': { from: 'parent', type: 'depends_on', strength: 'soft' },
  'impacts::impacted by': { from: 'child', type: 'depends_on' },
};


const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  'sys id': 'sys_id',
  'class': 'sys_class_name',
  'parent': 'parent',
  'child': 'child',
  'type': 'type',
  'name': 'name',
  'owned by': 'owned_by',
  'managed by': 'managed_by',
  'support group': 'support_group',
  'operational status': 'operational_status',
  'install status': 'install_status',
  'status': 'install_status',
  'environment': 'environment',
  'business criticality': 'busines_criticality',
};

/** `parent.sys_id` style dot-walked columns: the reference's sys_id (`Parent.Sys ID` in a list export). */
const DOT_WALKED_SYS_ID = /^(parent|child|type)\.sys[_ ]id$/;

function columnName(header: string): string {
  const h = header.trim();
  const lower = h.toLowerCase();
  const dotWalked = DOT_WALKED_SYS_ID.exec(lower);
  if (dotWalked) return dotWalked[1];
  if (Object.prototype.hasOwnProperty.call(COLUMN_ALIASES, lower)) return COLUMN_ALIASES[lower];
  if (Object.prototype.hasOwnProperty.call(CHANGE_COLUMN_ALIASES, lower)) return CHANGE_COLUMN_ALIASES[lower];
  return Object.prototype.hasOwnProperty.call(INCIDENT_COLUMN_ALIASES, lower) ? INCIDENT_COLUMN_ALIASES[lower] : lower;
}

/**
 * Whether a column's value should replace what an earlier column of the same name gave. A
 * dot-walked `parent.sys_id` / `child.sys_id` wins over the display value (`parent`) wherever it
 * stands: names repeat in a CMDB (a business service and its application service often share
 * one), sys_ids never do. A value also replaces an empty one.
 */
function overrides(header: string, values: ReadonlyMap<string, unknown>, name: string, value: unknown): boolean {
  if (!values.has(name)) return true;
  if (value === '' || value === null || value === undefined) return false;
  const earlier = values.get(name);
  if (earlier === '' || earlier === null || earlier === undefined) return true;
  // Not `type.sys_id`: a relationship type is read by its name (`Depends on::Used by`).
  return /^(parent|child)\.sys[_ ]id$/.test(header.trim().toLowerCase());
}

function rowsFromCsv(text: string, file: string, options: ImportOptions, builder: BatchBuilder): SnRow[] {
  const table = readCsv(text, options);
  if (!table.header) throw new ImportError('format', { file }, 'the file is empty (no header row)');
  const headers = table.header.cells;
  const names = headers.map(columnName);
  const report = { skip: (rows: number, message: string) => builder.skipUnreadable(rows, message), truncated: (message: string) => builder.truncated(message) };
  const readable = table.records.filter((record) => checkRecordWidth(record, headers.length, options, (message) => report.skip(1, message)));
  reportCsvTable(table, headers.length, file, report);
  return readable.map((record) => {
    const values = new Map<string, string>();
    names.forEach((name, i) => {
      const cell = record.cells[i];
      if (cell === undefined) return;
      const value = restoreCell(cell).trim();
      if (overrides(headers[i], values, name, value)) values.set(name, value);
    });
    return { ref: { file, line: record.line, row: record.row }, get: (n) => values.get(n), names: () => [...values.keys()] };
  });
}

function rowsFromJson(text: string, file: string, options: ImportOptions): SnRow[] {
  const limits = resolveLimits(options);
  const doc = readJson(text, file, limits);
  let list: unknown = doc;
  let base = '';
  for (const wrapper of ['records', 'result']) {
    if (isRecord(doc) && Array.isArray(getOwn(doc, wrapper))) {
      list = getOwn(doc, wrapper);
      base = wrapper;
    }
  }
  if (!Array.isArray(list)) {
    throw new ImportError('format', { file }, 'not a ServiceNow JSON export (expected "records", "result" or an array of records)');
  }
  const budget = new RowBudget(limits, file, 'records');
  return list.map((raw, i) => {
    const path = `${base}[${i}]`;
    budget.take({ path });
    const values = new Map<string, unknown>();
    if (isRecord(raw)) {
      for (const [k, v] of Object.entries(raw)) {
        const name = columnName(k);
        if (overrides(k, values, name, v)) values.set(name, v);
      }
    }
    return { ref: { file, path }, get: (n) => values.get(n), names: () => [...values.keys()] };
  });
}

const SKIPPED_COLUMNS = new Set([
  'sys_id',
  'name',
  'sys_class_name',
  'environment',
  'busines_criticality',
  'business_criticality',
  'owned_by',
  'managed_by',
  'support_group',
  'install_status',
  'operational_status',
  'short_description',
]);

function installStatus(value: string | undefined): ImportedCi['status'] {
  if (!value) return undefined;
  // Choice values: 1 Installed, 2 On order, 3 In maintenance, 4 Pending install, 5 Pending repair, 6 In stock, 7 Retired, 100 Absent.
  const codes: Record<string, ImportedCi['status']> = { '1': 'live', '2': 'planned', '3': 'live', '4': 'planned', '5': 'live', '6': 'planned', '7': 'retired', '100': 'retired' };
  return Object.prototype.hasOwnProperty.call(codes, value) ? codes[value] : normalizeStatus(value);
}

function readCis(rows: SnRow[], builder: BatchBuilder, options: ServiceNowOptions): void {
  let withoutSysId = 0;
  for (const row of rows) {
    const ref = row.ref;
    const name = reference(row.get('name')).display;
    const sysId = reference(row.get('sys_id')).value;
    if (!name) {
      builder.rejectAt(ref, 'ci', 'the name is empty', { key: sysId, field: 'name' });
      continue;
    }
    const table = reference(row.get('sys_class_name'));
    const classText = table.value ?? table.display;
    const ciClass = classText ? serviceNowClass(classText, options.classMap) : undefined;
    if (!ciClass) {
      const what = classText ? `no Faultline class for sys_class_name "${classText}"` : 'sys_class_name is empty';
      builder.rejectAt(ref, 'ci', `${what} (${name})`, {
        key: sysId ?? name,
        field: 'sys_class_name',
      });
      continue;
    }
    if (!sysId) withoutSysId++;
    const ci: ImportedCi = {
      key: sysId ?? name,
      system: SERVICENOW_SYSTEM,
      name,
      class: ciClass,
      externalIds: sysId ? { [SERVICENOW_SYSTEM]: sysId } : {},
      sourceRef: ref,
    };
    const environment = reference(row.get('environment')).display;
    if (environment) ci.environment = environment.toLowerCase();
    const criticalityText = reference(row.get('busines_criticality') ?? row.get('business_criticality')).display;
    const criticality = normalizeCriticality(criticalityText);
    if (criticality) ci.criticality = criticality;
    const owner = reference(row.get('owned_by') ?? row.get('support_group') ?? row.get('managed_by')).display;
    if (owner) ci.owner = owner;
    const status =
      installStatus(reference(row.get('install_status')).value) ??
      (reference(row.get('operational_status')).value === '6' ? 'retired' : undefined);
    if (status) ci.status = status;
    const attributes: Record<string, string> = {};
    let hasAttributes = false;
    for (const column of row.names()) {
      if (SKIPPED_COLUMNS.has(column) || column.startsWith('sys_') || isForbiddenKey(column)) continue;
      const { display } = reference(row.get(column));
      if (display) {
        attributes[column] = display;
        hasAttributes = true;
      }
    }
    const description = reference(row.get('short_description')).display;
    if (description) {
      attributes.description = description;
      hasAttributes = true;
    }
    if (hasAttributes) ci.attributes = attributes;
    builder.addCi(ci);
  }
  if (withoutSysId > 0) {
    builder.warn(`${withoutSysId} CI row(s) have no sys_id: they are matched by class and name, and relationships must name them`);
  }
}

function readRelationships(rows: SnRow[], builder: BatchBuilder): void {
  for (const row of rows) {
    const ref = row.ref;
    const parent = reference(row.get('parent'));
    const child = reference(row.get('child'));
    const type = reference(row.get('type'));
    const parentKey = parent.value ?? parent.display;
    const childKey = child.value ?? child.display;
    if (!parentKey || !childKey) {
      builder.rejectAt(ref, 'relationship', `the ${parentKey ? 'child' : 'parent'} is empty`, { field: parentKey ? 'child' : 'parent' });
      continue;
    }
    const typeName = type.display ?? type.value;
    if (!typeName) {
      builder.rejectAt(ref, 'relationship', 'the type is empty', { field: 'type' });
      continue;
    }
    const lower = typeName.trim().toLowerCase();
    const rule = Object.prototype.hasOwnProperty.call(SERVICENOW_RELATIONSHIPS, lower) ? SERVICENOW_RELATIONSHIPS[lower] : undefined;
    if (!rule) {
      const hint = SYS_ID.test(typeName) ? ' (the type is a sys_id: export with display values)' : '';
      builder.rejectAt(ref, 'relationship', `relationship type "${typeName}" has no Faultline meaning${hint}`, { field: 'type' });
      continue;
    }
    const [source, target] = rule.from === 'parent' ? [parentKey, childKey] : [childKey, parentKey];
    builder.addRelationship({
      source,
      target,
      system: SERVICENOW_SYSTEM,
      type: rule.type,
      fields: rule.from === 'parent' ? { source: 'parent', target: 'child' } : { source: 'child', target: 'parent' },
      ...(rule.strength ? { strength: rule.strength } : {}),
      sourceRef: ref,
    });
  }
}

/** A cmdb_ci, cmdb_rel_ci, change_request, incident or problem export, as CSV or JSON (told apart by the first character, the columns and the numbers). */
export function parseServiceNow(text: string, options: ServiceNowOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const trimmedStart = text.replace(/^\uFEFF?\s*/, '').charAt(0);
    const builder = new BatchBuilder('servicenow');
    const rows = trimmedStart === '{' || trimmedStart === '[' ? rowsFromJson(text, file, options) : rowsFromCsv(text, file, options, builder);
    const columns = new Set<string>();
    for (const row of rows) for (const name of row.names()) columns.add(name);
    const isRelationships = columns.has('parent') && columns.has('child');
    // A change_request, incident or problem has a number and no name (a CI export's number column is an asset tag beside its name).
    const isRecords = !isRelationships && !columns.has('name') && columns.has('number');
    if (!isRelationships && !isRecords && !columns.has('name') && rows.length > 0) {
      throw new ImportError('format', { file }, 'not a ServiceNow cmdb_ci, cmdb_rel_ci, change_request, incident or problem export (no name, parent and child, or number column)');
    }
    if (isRelationships) readRelationships(rows, builder);
    else if (isRecords) {
      const table = serviceNowTable(rows, columns);
      if (table === 'incident') readIncidents(rows, builder, SERVICENOW_SYSTEM);
      else if (table === 'problem') readProblems(rows, builder, SERVICENOW_SYSTEM);
      else readChangeRequests(rows, builder, SERVICENOW_SYSTEM);
    } else readCis(rows, builder, options);
    return builder.build();
  });
}
