// The demo school generator's public API.
export { clampToDemoYear } from './calendar';
export {
  GENERATOR_NAME,
  MAX_STUDENTS,
  MIN_STUDENTS,
  checkDemoOptions,
  countSnapshot,
  generateSchool,
  type DemoSchoolOptions,
  type SnapshotCounts,
} from './school-generator';
