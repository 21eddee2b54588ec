// Importers: string in, ImportBatch out (see types.ts for the error convention).
export * from './types';
export { resolveLimits } from './limits';
export { FORBIDDEN_KEYS } from './normalize';
export { readCsv, scanCsv, type CsvEnd, type CsvRecord, type CsvScan, type CsvTable } from './csv-reader';
export { collectParts } from './builder';
export {
  csvHeaderKey,
  normalizeRelationshipType,
  parseCsv,
  parseCsvParts,
  parseCsvCis,
  CSV_PART_ROWS,
  parseCsvRelationships,
  readCsvHeader,
  suggestCsvMapping,
  validateCsvMapping,
  CSV_CI_FIELDS,
  CSV_RELATIONSHIP_FIELDS,
  type CsvCiTarget,
  type CsvMapping,
  type CsvParseOptions,
  type CsvRelationshipTarget,
} from './csv';
export { parseFaultlineSnapshot, FAULTLINE_SYSTEM } from './faultline-json';
export { parseServiceNow, serviceNowClass, SERVICENOW_CLASSES, SERVICENOW_RELATIONSHIPS, SERVICENOW_SYSTEM, type ServiceNowOptions } from './servicenow';
export { backstageLocationTargets, parseBackstage, parseEntityRef, BACKSTAGE_SYSTEM, type BackstageOptions, type LocationTarget } from './backstage';
export { parseTerraform, terraformClass, TERRAFORM_SYSTEM, type TerraformOptions } from './terraform';
export { parseCompose, imageClass, COMPOSE_SYSTEM, type ComposeOptions } from './compose';
export { parseKubernetes, hostOfEnvValue, KUBERNETES_SYSTEM, type KubernetesOptions } from './kubernetes';
export { detectImportFormat, mergeBatches, parseImport, type ParseImportOptions } from './detect';
