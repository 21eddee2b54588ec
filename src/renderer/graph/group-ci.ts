// A drawn stand-in for a group of CIs (a roll-up of an impact, a grouped neighbourhood): shaped
// as a CI so the canvas, legend and inspector draw it like one, with nothing of its own.
import type { Ci, CiClass } from '../../shared/model';

export function groupCi(id: string, name: string, ciClass: CiClass, criticality: Ci['criticality']): Ci {
  return {
    id,
    name,
    class: ciClass,
    environment: '',
    criticality,
    owner: '',
    status: 'live',
    tags: [],
    attributes: {},
    externalIds: {},
    createdAt: '',
    updatedAt: '',
  };
}
