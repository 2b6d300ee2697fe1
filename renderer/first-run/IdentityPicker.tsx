// "Who are you?": the demo school's three showcase people first, then everyone else on the staff.
import { useMemo, useState } from 'react';
import { fullName } from '../../shared/common';
import { ROLE_LABELS, type StaffMember } from '../../shared/staff';
import { useLiveDocuments } from '../data/live-query';
import { STAFF_BY_NAME } from '../data/use-school-data';
import type { JournalDatabase } from '../db/types';

/** The demo generator's showcase accounts, with what each one shows off. */
const FEATURED: { id: string; label: string }[] = [
  { id: 'staff-teacher', label: 'Учитель-предметник' },
  { id: 'staff-class-teacher', label: 'Классный руководитель, ведёт и уроки' },
  { id: 'staff-deputy', label: 'Заместитель директора по УВР' },
];

function roles(member: StaffMember): string {
  return member.roles.map((r) => ROLE_LABELS[r]).join(', ');
}

export function IdentityPicker({
  db,
  onPick,
}: {
  db: JournalDatabase;
  onPick: (id: string) => void;
}) {
  const staff = useLiveDocuments<StaffMember>(db.staff, STAFF_BY_NAME);
  const [filter, setFilter] = useState('');

  const featured = useMemo(
    () =>
      FEATURED.flatMap((f) => {
        const member = staff?.find((s) => s.id === f.id);
        return member ? [{ member, label: f.label }] : [];
      }),
    [staff],
  );
  const others = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase('ru');
    return (staff ?? []).filter(
      (s) =>
        s.active &&
        !FEATURED.some((f) => f.id === s.id) &&
        (!needle || fullName(s).toLocaleLowerCase('ru').includes(needle)),
    );
  }, [staff, filter]);

  if (!staff) return <p className="loading">Загружаем список сотрудников…</p>;
  return (
    <main className="identity-picker">
      <h1>Кто вы?</h1>
      <p className="lead">Все изменения в журнале будут подписаны выбранным сотрудником.</p>
      {featured.length > 0 && (
        <ul className="featured-staff">
          {featured.map(({ member, label }) => (
            <li key={member.id}>
              <button
                type="button"
                className="choice"
                data-staff-id={member.id}
                onClick={() => onPick(member.id)}
              >
                <strong>{label}</strong>
                <span>
                  {fullName(member)}
                  {member.position ? ` — ${member.position}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>Другие сотрудники</h2>
      <input
        type="search"
        aria-label="Поиск сотрудника"
        placeholder="Фамилия…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="staff-list">
        {others.map((member) => (
          <li key={member.id}>
            <button type="button" data-staff-id={member.id} onClick={() => onPick(member.id)}>
              {fullName(member)} <small>{member.position || roles(member)}</small>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
