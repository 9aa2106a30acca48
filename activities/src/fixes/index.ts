import { createFixActivities, type FixActivityDeps } from './fix-activities';
import { createFixPullRequestActivities } from './pull-request-activities';

/** Fix-to-PR: generation, validation and pull requests, as one factory for `createActivities`. */
export function createFixToPullRequestActivities(deps: FixActivityDeps) {
  return { ...createFixActivities(deps), ...createFixPullRequestActivities(deps) };
}
