// The school server's year-transition route (docs/SYNC.md, «School years»): preview and commit of a
// reviewed plan.
import type { YearTransitionPlan, YearTransitionResult } from '../../../shared/year-end/plan';
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
  };
}
