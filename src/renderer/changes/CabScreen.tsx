// The CAB meeting: a date, the member whose vote is being recorded, and the agenda of changes in
// cab_review, each decided here (approve, reject, send back) with the decision in the journal.
import { useMemo, useState } from 'react';
import { toLocalInput } from './change-list-model';
import { cabAgenda, knownMembers } from './cab-model';
import { CabAgendaItem } from './CabAgendaItem';
import { useChangesStore } from './changes-store';
import './changes.css';

const meetingFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

export function CabScreen() {
  const items = useChangesStore((s) => s.items);
  const [meetingDate, setMeetingDate] = useState(() => toLocalInput(new Date().toISOString()).slice(0, 10));
  const [member, setMember] = useState('');
  const agenda = useMemo(() => cabAgenda(items ?? []), [items]);
  const members = useMemo(() => knownMembers(items ?? []), [items]);
  const meetingLabel = `CAB of ${meetingFormat.format(new Date(`${meetingDate}T12:00:00`))}`;

  return (
    <main className="cab-screen" data-testid="cab-screen">
      <div className="cab-inner">
        <div className="screen-head">
          <h1>CAB meeting</h1>
          <label className="row muted">
            Meeting date
            <input className="input" type="date" data-testid="cab-date" value={meetingDate} onChange={(event) => event.target.value && setMeetingDate(event.target.value)} />
          </label>
          <label className="row muted">
            Recording votes for
            <input className="input" list="cab-members" data-testid="cab-member" placeholder="member's name" value={member} onChange={(event) => setMember(event.target.value)} />
            <datalist id="cab-members">
              {members.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
        </div>
        <p className="muted">
          {agenda.length === 0 ? 'No change is waiting for the CAB.' : `${agenda.length} change${agenda.length === 1 ? '' : 's'} on the agenda, soonest window first.`} Decisions are
          recorded in each change's history and the journal, with who made them.
        </p>
        <ol className="cab-agenda">
          {agenda.map((item) => (
            <CabAgendaItem key={item.change.id} item={item} meetingDate={meetingDate} meetingLabel={meetingLabel} member={member} />
          ))}
        </ol>
      </div>
    </main>
  );
}
