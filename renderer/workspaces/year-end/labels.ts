// The wizard's words: the steps and the year-end movements as the deputy reads them.
import type { TransitionMovement } from '../../../shared/year-end/plan';

export const STEPS = [
  'Календарь',
  'Классы',
  'Движение учащихся',
  'Учебный план и расписание',
  'Проверка и переход',
] as const;

export const KIND_LABELS: Record<TransitionMovement['kind'], string> = {
  promoted: 'переведён',
  conditional: 'переведён условно',
  keptBack: 'оставлен на повторное обучение',
  graduated: 'окончил обучение',
  left: 'выбыл',
};
