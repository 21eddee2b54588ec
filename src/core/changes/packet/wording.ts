// Words the HTML and Markdown packets share, so that they say the same thing.
import type { Change } from '../../../shared/changes';
import type { CabPacket } from './model';

export function windowText(window: Change['window']): string {
  return window ? `${window.start} – ${window.end} (UTC)` : 'not planned yet';
}

export function pathText(path: readonly string[] | null): string {
  return path ? path.join(' → ') : '(no path on the current CMDB)';
}

export function moreText(more: number, what: string): string {
  return more > 0 ? `and ${more} more ${what}` : '';
}

export function packetTitle(packet: CabPacket): string {
  return `${packet.change.number} ${packet.change.title}`;
}

export function pictureTitle(packet: CabPacket): string {
  return `Impact of ${packet.change.number} (CMDB state ${packet.cmdbState.hash})`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function impactTotalText(packet: CabPacket): string {
  const { down, degraded, at_risk } = packet.byLevel;
  const services = packet.services.items.length + packet.services.more;
  return `${plural(down + degraded + at_risk, 'CI')} impacted (${down} down, ${degraded} degraded, ${at_risk} at risk), ${plural(services, 'service')}`;
}
