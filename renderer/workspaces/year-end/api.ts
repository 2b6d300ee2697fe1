// The school server's year-transition routes (docs/SYNC.md, «School years»): preview and commit of a
// reviewed plan, its undo until the new year is opened, and next year's draft timetables put in force.
import type { PublishTimetablesResult } from '../../../shared/school-setup-api';
import type {
  YearTransitionPlan,
  YearTransitionResult,
  YearUndoResult,
} from '../../../shared/year-end/plan';
import { apiRequest } from '../../sync/api';
import type { ActiveSession } from '../../sync/session-store';

export function yearEndApi(session: ActiveSession) {
  return {
    transition: (plan: YearTransitionPlan, mode: 'preview' | 'commit') =>
      apiRequest<YearTransitionResult>(
        session.serverUrl,
        `/api/v1/school/year-transition?mode=${mode}`,
        { token: session.token, method: 'POST', body: plan },
      ),
    undo: (mode: 'preview' | 'commit') =>
      apiRequest<YearUndoResult>(
        session.serverUrl,
        `/api/v1/school/year-transition/undo?mode=${mode}`,
        { token: session.token, method: 'POST', body: {} },
      ),
    publishTimetables: () =>
      apiRequest<PublishTimetablesResult>(session.serverUrl, '/api/v1/school/timetables/publish', {
        token: session.token,
        method: 'POST',
        body: {},
      }),
  };
}
