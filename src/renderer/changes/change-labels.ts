// Words for the change request's codes, as the changes list, detail and CAB view show them.
import type { ChangeState, ChangeType } from '../../shared/changes';
import type { ConflictKind, RiskBand } from '../../shared/risk';

export const STATE_LABELS: Readonly<Record<ChangeState, string>> = {
  draft: 'Draft',
  assessed: 'Assessed',
  cab_review: 'CAB review',
  approved: 'Approved',
  rejected: 'Rejected',
  scheduled: 'Scheduled',
  implemented: 'Implemented',
  reviewed: 'Reviewed',
  cancelled: 'Cancelled',
};

export const TYPE_LABELS: Readonly<Record<ChangeType, string>> = { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' };

export const BAND_LABELS: Readonly<Record<RiskBand, string>> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

export const CONFLICT_LABELS: Readonly<Record<ConflictKind, string>> = {
  same_ci: 'Same CI',
  related_ci: 'Parent or child CI',
  implementer: 'Implementer booked',
  shared_services: 'Shared services',
  outside_maintenance: 'Outside maintenance',
  blackout: 'Blackout',
};

/** What the button moving a change to `to` says. */
export const MOVE_LABELS: Readonly<Record<ChangeState, string>> = {
  draft: 'Send back to draft',
  assessed: 'Mark assessed',
  cab_review: 'Submit to CAB',
  approved: 'Approve',
  rejected: 'Reject',
  scheduled: 'Schedule',
  implemented: 'Mark implemented',
  reviewed: 'Record review',
  cancelled: 'Cancel change',
};
