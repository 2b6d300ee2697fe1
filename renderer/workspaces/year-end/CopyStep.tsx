// Step 4: what next year's classes get from this year's: the curriculum (courses), the teachers,
// the timetable as a draft valid from the first day (it makes no lessons until it is put in force).
import { formatDate } from '../../../shared/dates';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';

interface Props {
  plan: YearTransitionPlan;
  onChange: (plan: YearTransitionPlan) => void;
}

export function CopyStep({ plan, onChange }: Props) {
  const box = (key: 'copyCurriculum' | 'keepTeachers' | 'copyTimetable', label: string) => (
    <label className="year-end-option">
      <input
        type="checkbox"
        checked={plan[key]}
        disabled={key !== 'copyCurriculum' && !plan.copyCurriculum}
        onChange={(e) => onChange({ ...plan, [key]: e.target.checked })}
      />{' '}
      {label}
    </label>
  );
  return (
    <section className="school-tab year-end-step">
      <h2>Учебный план и расписание</h2>
      {box(
        'copyCurriculum',
        'Скопировать учебный план: каждый класс получает предметы и часы своей новой параллели',
      )}
      {box('keepTeachers', 'Учителя продолжают вести свои предметы в тех же классах')}
      {box(
        'copyTimetable',
        `Скопировать расписание как черновик, действующий с ${formatDate(plan.nextYear.start)}`,
      )}
      <p className="timetable-hint">
        Черновик расписания не создаёт уроков: проверьте его и введите в действие после перехода —
        на последнем шаге или в разделе «Расписание».
      </p>
    </section>
  );
}
