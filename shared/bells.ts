// Bell schedules: when each lesson number starts and ends; the main one and others for some weekdays (a shorter Saturday).
import { z } from 'zod';
import { IdSchema } from './common';

/** "08:30" — a time of day in the school's zone. */
export const TimeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ, например 08:30');

/** Lesson numbers of a day: 0 ("нулевой урок") to 12. */
export const SlotSchema = z
  .number()
  .int('Номер урока — целое число')
  .min(0, 'Номер урока — от 0 до 12')
  .max(12, 'Номер урока — от 0 до 12');

export const BellSchema = z.object({
  slot: SlotSchema,
  start: TimeOfDaySchema,
  end: TimeOfDaySchema,
});
export type Bell = z.infer<typeof BellSchema>;

/** ISO weekday: 1 = Monday … 6 = Saturday (no lessons on Sunday). */
export const WeekdaySchema = z
  .number()
  .int()
  .min(1, 'День недели — от понедельника (1) до субботы (6)')
  .max(6, 'День недели — от понедельника (1) до субботы (6)');
export type Weekday = z.infer<typeof WeekdaySchema>;

export const WEEKDAY_NAMES: Record<number, string> = {
  1: 'понедельник',
  2: 'вторник',
  3: 'среда',
  4: 'четверг',
  5: 'пятница',
  6: 'суббота',
  7: 'воскресенье',
};

export const WEEKDAY_SHORT: Record<number, string> = {
  1: 'Пн',
  2: 'Вт',
  3: 'Ср',
  4: 'Чт',
  5: 'Пт',
  6: 'Сб',
  7: 'Вс',
};

/** A schedule for some weekdays; days no schedule names ring the school's main bells. */
export const BellScheduleSchema = z.object({
  id: IdSchema,
  /** "Суббота", "Сокращённые уроки" */
  name: z.string().trim().min(1, 'Укажите название расписания звонков').max(60),
  weekdays: z.array(WeekdaySchema).min(1, 'Выберите хотя бы один день недели').max(6),
  bells: z.array(BellSchema).min(1, 'Добавьте хотя бы один урок').max(13),
});
export type BellSchedule = z.infer<typeof BellScheduleSchema>;

/** The bells of a weekday: the schedule that names it, else the main bells. */
export function bellsFor(
  school: { bells: readonly Bell[]; bellSchedules?: readonly BellSchedule[] },
  weekday: number,
): readonly Bell[] {
  return school.bellSchedules?.find((s) => s.weekdays.includes(weekday))?.bells ?? school.bells;
}

/** Minutes since midnight of "HH:MM". */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
