// The signed-in frame: header with the sections the user's roles open, status, user menu; the
// current section below, chosen by the URL hash (wouter with hash location, app/routes.ts).
import { useRef, type ReactNode } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { fullName } from '../../shared/common';
import { RoleSchema, ROLE_LABELS, type Role } from '../../shared/staff';
import { useSession } from '../data/session';
import { useSchoolData } from '../data/use-school-data';
import { JournalScreen } from '../journal/JournalScreen';
import { ClassWorkspace } from '../workspaces/class/ClassWorkspace';
import { PeriodMarksScreen } from '../workspaces/period-marks/PeriodMarksScreen';
import { SchoolScreen } from '../workspaces/school/SchoolScreen';
import { TimetableScreen } from '../workspaces/timetable/TimetableScreen';
import { href, paths, useSectionPath } from './routes';
import { currentSection, sectionsFor } from './sections';

/** The account's roles the journal knows (the server's list is trusted only as far as the schema). */
function parseRoles(roles: readonly string[]): Role[] {
  return roles.filter((r): r is Role => RoleSchema.safeParse(r).success);
}

export interface MenuAction {
  label: string;
  run: () => void;
}

interface Props {
  /** Extra menu entries from the layers above (lock, sign out of the server…). */
  menu: readonly MenuAction[];
  /** Status shown in the header (replication state). */
  status?: ReactNode;
}

/** Each section's screen; the journal is the default. */
function renderSection(id: string): ReactNode {
  switch (id) {
    case 'class':
      return <ClassWorkspace />;
    case 'period-marks':
      return <PeriodMarksScreen />;
    case 'school':
      return <SchoolScreen />;
    case 'timetable':
      return <TimetableScreen />;
    default:
      return <JournalScreen />;
  }
}

export function AppShell(props: Props) {
  return (
    <Router hook={useHashLocation}>
      <Frame {...props} />
    </Router>
  );
}

function Frame({ menu, status }: Props) {
  const menuRef = useRef<HTMLDetailsElement>(null);
  const { staffId, account } = useSession();
  const data = useSchoolData();
  const me = data?.staff.get(staffId);
  // The server checks rights with the account's roles: an administrator's account (with or without
  // a staff member) opens what those roles open too.
  const roles = [...new Set([...(me?.roles ?? []), ...parseRoles(account?.roles ?? [])])];
  const sections = sectionsFor(roles);
  const section = currentSection(useSectionPath(), sections, roles);

  return (
    <div className="app-screen">
      <header className="app-header">
        <span className="app-title">Журнал</span>
        <span className="school-name">{data?.school.shortName}</span>
        {sections.length > 1 && (
          <nav className="sections" aria-label="Разделы">
            {sections.map((s) => (
              <a
                key={s.id}
                href={href(paths.section(s.path))}
                aria-current={s.id === section?.id ? 'page' : undefined}
              >
                {s.label}
              </a>
            ))}
          </nav>
        )}
        {status}
        <span className="user">
          {me ? fullName(me) : account?.displayName || ''}
          {roles.length > 0 && <small> ({roles.map((r) => ROLE_LABELS[r]).join(', ')})</small>}
        </span>
        <details className="menu" ref={menuRef}>
          <summary>Меню</summary>
          <div className="menu-items">
            {menu.map((action) => (
              <button
                key={action.label}
                type="button"
                onClick={() => {
                  // The menu closes once a choice is made.
                  if (menuRef.current) menuRef.current.open = false;
                  action.run();
                }}
              >
                {action.label}
              </button>
            ))}
          </div>
        </details>
      </header>
      <div className="app-body">
        {section ? (
          renderSection(section.id)
        ) : (
          // Until the school's documents (and the signed-in person's own card) have arrived.
          <p className="loading" role="status">
            {data
              ? 'Загружаем ваши сведения из школы… Это займёт немного времени при первом входе.'
              : 'Загружаем сведения о школе…'}
          </p>
        )}
      </div>
    </div>
  );
}
