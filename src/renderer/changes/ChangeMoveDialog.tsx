// Moving a change along its life: a comment with every move (required to send it back or reject
// it), the outcome and notes of the post-implementation review.
import { useState, type FormEvent } from 'react';
import type { ChangeState } from '../../shared/changes';
import type { ChangeDetails } from '../../shared/operations';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { mutate } from '../state/sync';
import { useViewStore } from '../state/view-store';
import { MOVE_LABELS, STATE_LABELS } from './change-labels';
import { useChangesStore } from './changes-store';

type Outcome = 'successful' | 'failed' | 'rolled_back';
const FIELDS = ['comment', 'review', 'to'] as const;

export function ChangeMoveDialog({ details, to, defaultComment = '' }: { details: ChangeDetails; to: ChangeState; defaultComment?: string }) {
  const close = useViewStore((s) => s.closeDialog);
  const { change } = details;
  const [comment, setComment] = useState(defaultComment);
  const [outcome, setOutcome] = useState<Outcome>('successful');
  const { errors, setErrors, busy, run } = useFormSubmit(FIELDS);
  const needsComment = to === 'draft' || to === 'rejected';
  const reviewing = to === 'reviewed';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsComment && !comment.trim()) {
      setErrors({ fields: { comment: to === 'draft' ? 'Say what the change needs before it comes back' : 'Say why the change is rejected' }, general: null });
      return;
    }
    await run(async () => {
      const input = reviewing ? { id: change.id, to, review: { outcome, notes: comment.trim() } } : { id: change.id, to, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const saved: ChangeDetails = (await mutate('change.transition', input)).value;
      useChangesStore.getState().showDetails(saved);
      close();
    });
  };

  return (
    <Modal
      title={`${MOVE_LABELS[to]}: ${change.number}`}
      onClose={close}
      testId="change-move"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="change-move-form" className={`btn ${to === 'cancelled' || to === 'rejected' ? 'btn-danger' : 'btn-primary'}`} disabled={busy} data-testid="change-move-submit">
            {MOVE_LABELS[to]}
          </button>
        </>
      }
    >
      <form id="change-move-form" noValidate onSubmit={(event) => void submit(event)} className="stack" style={{ gap: 12 }}>
        <p style={{ margin: 0 }}>
          <strong>{change.title}</strong> goes from {STATE_LABELS[change.state]} to {STATE_LABELS[to]}.
          {to === 'cab_review' && ' Its blast radius is frozen now: the CAB sees this snapshot.'}
        </p>
        {errors.general && (
          <div className="form-error" role="alert" data-testid="form-error">
            {errors.general}
          </div>
        )}
        {reviewing && (
          <Field label="Outcome" name="review">
            <select className="select" data-testid="review-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value as Outcome)}>
              <option value="successful">Successful</option>
              <option value="failed">Failed (raises the risk of later changes on these CIs)</option>
              <option value="rolled_back">Rolled back</option>
            </select>
          </Field>
        )}
        <Field label={reviewing ? 'Review notes' : needsComment ? 'Comment (required)' : 'Comment (optional)'} name="comment" error={errors.fields.comment}>
          <textarea className="input" rows={3} data-testid="move-comment" data-autofocus value={comment} onChange={(event) => setComment(event.target.value)} />
        </Field>
      </form>
    </Modal>
  );
}
