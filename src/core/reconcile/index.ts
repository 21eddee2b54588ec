export { planImport, planImportSteps, describePlan, type PlanContext } from './plan';
export { applyPlanOps, planIsEmpty } from './apply';
export type * from './types';
