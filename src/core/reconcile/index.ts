export { planImport, planImportSteps, describePlan } from './plan';
export { applyPlanOps, planIsEmpty } from './apply';
export type * from './types';
