// Terraform: state files (format version 4: resources[].instances[] with `dependencies`,
// or the older instance/resource-level `depends_on`; version 3: modules[].resources{} with
// `depends_on`) and `terraform show -json` output (values.root_module.resources and
// child_modules, each resource with `depends_on`). One CI per managed resource instance,
// keyed and named by its address (`module.db.aws_db_instance.main[0]`). Deposed objects
// (create_before_destroy leftovers at the same address) are skipped with a warning.
//
// State holds secrets in plain text (passwords, keys, tokens), so attribute values are
// dropped unless `includeAttributes` is set; even then only top-level scalar values are
// kept, never the ones Terraform marks sensitive, secret-looking names are hidden and so are
// passwords inside URLs (`postgres://user:…@host`, often in a JSON-encoded attribute).
import type { CiClass } from '../../../shared/model';
import { BatchBuilder } from './builder';
import { readJson } from './json-reader';
import { guard, pathOf, resolveLimits, RowBudget } from './limits';
import { HIDDEN, hideSecretsInValue, isSecretName } from './secrets';
import { getOwn, isForbiddenKey, isRecord, nonEmpty, scalarText, stringList } from './normalize';
import { ImportError, type ImportBatch, type ImportedCi, type ImportOptions, type SourceRef } from './types';

export const TERRAFORM_SYSTEM = 'terraform';

export interface TerraformOptions extends ImportOptions {
  /** Keep top-level scalar attribute values (never those marked sensitive). Off by default: state holds secrets. */
  includeAttributes?: boolean;
}

const CLASS_RULES: readonly [RegExp, CiClass][] = [
  // Subnet groups place a database or cache in subnets: networking, whatever service they name.
  [/_subnet_group$/, 'network_device'],
  // Node groups and scaling groups are pools of machines behind a cluster.
  [/(_node_group|_node_pool|_autoscaling_group|_scale_set|_instance_group_manager)/, 'cluster'],
  [/(_db_instance|_rds_|_sql_|_database|dynamodb|cosmosdb|_spanner|_bigtable|_redshift|_docdb|_neptune)/, 'database'],
  [/(elasticache|_redis|memcache)/, 'cache'],
  [/(_sqs_|_sns_|_msk_|_kinesis|pubsub|servicebus|eventhub|_mq_)/, 'message_queue'],
  [/(_lb$|_lb_|_alb|_elb|load_balancer|forwarding_rule|_application_gateway|_frontdoor)/, 'load_balancer'],
  [/(_eks_cluster|_ecs_cluster|container_cluster|kubernetes_cluster|_aks_|_dataproc_cluster)/, 'cluster'],
  [/(_instance$|_virtual_machine|compute_instance|_droplet|_vm$)/, 'virtual_machine'],
  [/(_s3_|_ebs_|_efs_|storage|_disk|_volume|_bucket|_blob)/, 'storage'],
  [/(_vpc|_subnet|_security_group|_route|_nat_|_internet_gateway|_network|_firewall|_dns|_eip|_vpn|_transit|_peering|_cdn|cloudfront)/, 'network_device'],
  [/(_lambda_|_function|_ecs_service|_app_service|_cloud_run|_app_engine|kubernetes_deployment|kubernetes_stateful_set)/, 'application'],
  [/(kubernetes_service$|_api_gateway|_apigateway)/, 'technical_service'],
];

export function terraformClass(type: string): CiClass {
  for (const [pattern, ciClass] of CLASS_RULES) if (pattern.test(type)) return ciClass;
  return 'cloud_resource';
}

interface TfInstance {
  address: string;
  /** Address of the resource (no index), what dependencies name. */
  resourceAddress: string;
  type: string;
  provider?: string;
  module?: string;
  dependencies: { address: string; field: string }[];
  values?: unknown;
  sensitive?: unknown;
  ref: SourceRef;
}

function indexSuffix(key: unknown): string {
  if (typeof key === 'number') return `[${key}]`;
  if (typeof key === 'string') return `[${JSON.stringify(key)}]`;
  return '';
}

/** `module.a.module.b.aws_x.y[0]` → `module.a.module.b.aws_x.y`; strips the index of module instances too. */
function resourceOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** A dependency as written (may name a module instance `module.x["k"].aws_y.z`, or a whole module). */
function normalizeDependency(dep: string): string {
  return dep.replace(/\[[^\]]*\]/g, '');
}

interface Skipped {
  data: number;
  /** Objects kept only until Terraform destroys them (create_before_destroy leftovers). */
  deposed: number;
}

/** The strings of `holder[key]`, each with its field (`dependencies[1]`). */
function fieldList(holder: unknown, key: string): { address: string; field: string }[] {
  const list = getOwn(holder, key);
  if (!Array.isArray(list)) return [];
  const out: { address: string; field: string }[] = [];
  list.forEach((item, i) => {
    const text = nonEmpty(item);
    if (text !== undefined) out.push({ address: text, field: `${key}[${i}]` });
  });
  return out;
}

function collectV4(doc: Record<string, unknown>, file: string, budget: RowBudget, out: TfInstance[], skipped: Skipped): void {
  const resources = getOwn(doc, 'resources');
  if (!Array.isArray(resources)) throw new ImportError('format', { file, path: 'resources' }, 'a version 4 state needs a resources array');
  resources.forEach((resource, r) => {
    const path = `resources[${r}]`;
    if (!isRecord(resource)) return;
    if (scalarText(getOwn(resource, 'mode')) === 'data') {
      skipped.data++;
      return;
    }
    const type = nonEmpty(getOwn(resource, 'type'));
    const name = nonEmpty(getOwn(resource, 'name'));
    const module = nonEmpty(getOwn(resource, 'module'));
    const provider = nonEmpty(getOwn(resource, 'provider'));
    if (!type || !name) {
      budget.take({ path });
      out.push({ address: '', resourceAddress: '', type: type ?? '', dependencies: [], ref: { file, path } });
      return;
    }
    const resourceAddress = `${module ? `${module}.` : ''}${type}.${name}`;
    const resourceDeps = fieldList(resource, 'depends_on');
    const instances = getOwn(resource, 'instances');
    (Array.isArray(instances) ? instances : []).forEach((instance, i) => {
      const ipath = `${path}.instances[${i}]`;
      budget.take({ path: ipath });
      // A deposed object shares its address with the current one and is about to be destroyed.
      if (nonEmpty(getOwn(instance, 'deposed'))) {
        skipped.deposed++;
        return;
      }
      const deps = [...fieldList(instance, 'dependencies'), ...fieldList(instance, 'depends_on'), ...resourceDeps];
      out.push({
        address: resourceAddress + indexSuffix(getOwn(instance, 'index_key')),
        resourceAddress,
        type,
        provider,
        module,
        dependencies: deps,
        values: getOwn(instance, 'attributes') ?? getOwn(instance, 'attributes_flat'),
        sensitive: getOwn(instance, 'sensitive_attributes'),
        ref: { file, path: ipath },
      });
    });
  });
}

function collectV3(doc: Record<string, unknown>, file: string, budget: RowBudget, out: TfInstance[], skipped: Skipped): void {
  const modules = getOwn(doc, 'modules');
  if (!Array.isArray(modules)) throw new ImportError('format', { file, path: 'modules' }, 'a version 3 state needs a modules array');
  modules.forEach((mod, m) => {
    const modulePath = stringList(getOwn(mod, 'path')).slice(1);
    const module = modulePath.length > 0 ? modulePath.map((p) => `module.${p}`).join('.') : undefined;
    const resources = getOwn(mod, 'resources');
    if (!isRecord(resources)) return;
    for (const [name, resource] of Object.entries(resources)) {
      const path = pathOf(`modules[${m}].resources`, name);
      if (name.startsWith('data.')) {
        skipped.data++;
        continue;
      }
      budget.take({ path });
      const type = nonEmpty(getOwn(resource, 'type')) ?? name.split('.')[0];
      const address = `${module ? `${module}.` : ''}${name.replace(/\.(\d+)$/, '[$1]')}`;
      const primary = getOwn(resource, 'primary');
      out.push({
        address,
        resourceAddress: resourceOf(address),
        type,
        provider: nonEmpty(getOwn(resource, 'provider')),
        module,
        dependencies: fieldList(resource, 'depends_on').map((d) => (module ? { ...d, address: `${module}.${d.address}` } : d)),
        values: getOwn(primary, 'attributes'),
        ref: { file, path },
      });
    }
  });
}

function collectShowModule(mod: unknown, path: string, file: string, budget: RowBudget, out: TfInstance[], skipped: Skipped, depth: number): void {
  if (!isRecord(mod) || depth > 64) return;
  const resources = getOwn(mod, 'resources');
  (Array.isArray(resources) ? resources : []).forEach((resource, r) => {
    const rpath = `${path}.resources[${r}]`;
    if (!isRecord(resource)) return;
    if (scalarText(getOwn(resource, 'mode')) === 'data') {
      skipped.data++;
      return;
    }
    budget.take({ path: rpath });
    const address = nonEmpty(getOwn(resource, 'address')) ?? '';
    const type = nonEmpty(getOwn(resource, 'type')) ?? '';
    const module = nonEmpty(getOwn(mod, 'address'));
    out.push({
      address,
      resourceAddress: resourceOf(address),
      type,
      provider: nonEmpty(getOwn(resource, 'provider_name')),
      module,
      dependencies: fieldList(resource, 'depends_on'),
      values: getOwn(resource, 'values'),
      sensitive: getOwn(resource, 'sensitive_values'),
      ref: { file, path: rpath },
    });
  });
  const children = getOwn(mod, 'child_modules');
  (Array.isArray(children) ? children : []).forEach((child, c) =>
    collectShowModule(child, `${path}.child_modules[${c}]`, file, budget, out, skipped, depth + 1),
  );
}

/** Top-level attribute names Terraform marks sensitive (v4 `sensitive_attributes` paths, show's `sensitive_values`). */
function sensitiveNames(sensitive: unknown): Set<string> {
  const names = new Set<string>();
  if (Array.isArray(sensitive)) {
    for (const path of sensitive) {
      // v4: [[{ "type": "get_attr", "value": "password" }], …] or (1.x) [{ "type": "get_attr", "value": "password" }]
      const steps = Array.isArray(path) ? path : [path];
      const first = steps[0];
      const name = scalarText(getOwn(first, 'value'));
      if (name) names.add(name);
    }
  } else if (isRecord(sensitive)) {
    for (const [name, flag] of Object.entries(sensitive)) if (flag === true || isRecord(flag) || Array.isArray(flag)) names.add(name);
  }
  return names;
}

export function parseTerraform(text: string, options: TerraformOptions): ImportBatch {
  const file = options.fileName;
  return guard(file, () => {
    const limits = resolveLimits(options);
    const doc = readJson(text, file, limits);
    if (!isRecord(doc)) throw new ImportError('format', { file }, 'not a Terraform state or show output (expected a JSON object)');
    const budget = new RowBudget(limits, file, 'resource instances');
    const instances: TfInstance[] = [];
    const skipped: Skipped = { data: 0, deposed: 0 };
    const version = getOwn(doc, 'version');
    const formatVersion = getOwn(doc, 'format_version');
    if (formatVersion !== undefined) {
      const values = getOwn(doc, 'values') ?? getOwn(getOwn(doc, 'prior_state'), 'values');
      const root = getOwn(values, 'root_module');
      if (!isRecord(root)) {
        // `terraform show -json` of an empty state has no values at all.
        if (values === undefined && getOwn(doc, 'planned_values') === undefined) return new BatchBuilder('terraform').build();
        throw new ImportError('format', { file, path: 'values.root_module' }, 'terraform show -json output without values.root_module');
      }
      collectShowModule(root, 'values.root_module', file, budget, instances, skipped, 0);
    } else if (version === 4) {
      collectV4(doc, file, budget, instances, skipped);
    } else if (version === 3 || (version === undefined && Array.isArray(getOwn(doc, 'modules')))) {
      collectV3(doc, file, budget, instances, skipped);
    } else if (typeof version === 'number') {
      throw new ImportError('format', { file, path: 'version' }, `Terraform state version ${version} is not supported (3 and 4 are)`);
    } else {
      throw new ImportError('format', { file }, 'not a Terraform state (no version) or terraform show -json output (no format_version)');
    }

    const builder = new BatchBuilder('terraform');
    /** Attribute values dropped (marked sensitive) or hidden (a secret-like name, a secret inside the value). */
    let hiddenSecrets = 0;
    const byResource = new Map<string, string[]>();
    const byModule = new Map<string, string[]>();
    const addresses = new Set<string>();
    const accepted: TfInstance[] = [];
    for (const inst of instances) {
      if (!inst.address || !inst.type) {
        builder.rejectAt(inst.ref, 'ci', 'a resource without type, name or address', { field: inst.type ? 'name' : 'type' });
        continue;
      }
      if (addresses.has(inst.address)) {
        builder.rejectAt(inst.ref, 'ci', `${inst.address} appears twice`, { key: inst.address, field: 'address' });
        continue;
      }
      const attributes: Record<string, string> = { type: inst.type };
      if (inst.provider) attributes.provider = inst.provider;
      if (inst.module) attributes.module = inst.module;
      if (options.includeAttributes && isRecord(inst.values)) {
        const sensitive = sensitiveNames(inst.sensitive);
        for (const [name, value] of Object.entries(inst.values)) {
          if (sensitive.has(name)) {
            hiddenSecrets += 1;
            continue;
          }
          if (isForbiddenKey(name)) continue;
          const text = scalarText(value);
          if (text === undefined || text.length > 4000 || name.length > 120) continue;
          if (isSecretName(name)) {
            attributes[`tf.${name}`] = HIDDEN;
            hiddenSecrets += 1;
            continue;
          }
          const shown = hideSecretsInValue(text);
          attributes[`tf.${name}`] = shown.text;
          hiddenSecrets += shown.hidden;
        }
      }
      const ci: ImportedCi = {
        key: inst.address,
        system: TERRAFORM_SYSTEM,
        name: inst.address,
        class: terraformClass(inst.type),
        externalIds: { [TERRAFORM_SYSTEM]: inst.address },
        attributes,
        tags: ['terraform'],
        sourceRef: inst.ref,
      };
      if (!builder.addCi(ci)) continue;
      addresses.add(inst.address);
      accepted.push(inst);
      const list = byResource.get(inst.resourceAddress);
      if (list) list.push(inst.address);
      else byResource.set(inst.resourceAddress, [inst.address]);
      const modules = inst.module ? normalizeDependency(inst.module).split('.') : [];
      for (let i = 2; i <= modules.length; i += 2) {
        const moduleAddress = modules.slice(0, i).join('.');
        const members = byModule.get(moduleAddress);
        if (members) members.push(inst.address);
        else byModule.set(moduleAddress, [inst.address]);
      }
    }
    for (const inst of accepted) {
      for (const dep of inst.dependencies) {
        const normalized = normalizeDependency(dep.address);
        if (normalized.startsWith('data.') || normalized.includes('.data.')) continue;
        // A resource of another state (not in this file) is looked up in the CMDB by the plan.
        const targets = byResource.get(normalized) ?? byModule.get(normalized) ?? [normalized];
        for (const target of targets) {
          if (target === inst.address) continue;
          builder.addRelationship({ source: inst.address, target, system: TERRAFORM_SYSTEM, type: 'depends_on', fields: { target: dep.field }, sourceRef: inst.ref });
        }
      }
    }
    if (skipped.data > 0) builder.warn(`${skipped.data} data source(s) skipped (they read infrastructure, they are not part of it)`);
    if (skipped.deposed > 0) builder.warn(`${skipped.deposed} deposed object(s) skipped (replaced, waiting to be destroyed)`);
    if (!options.includeAttributes && accepted.length > 0) builder.warn('attribute values were not imported (state holds secrets); import with includeAttributes to keep them');
    builder.hideSecrets(hiddenSecrets);
    return builder.build();
  });
}
