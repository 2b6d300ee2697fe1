// "Мой класс": the class teacher's roster, consent registry and class overview. The deputy opens
// any class here through the class selector.
import { useMemo } from 'react';
import { compareClasses, type SchoolClass } from '../../../shared/school-class';
import { useSession } from '../../data/session';
import { useSchoolData } from '../../data/use-school-data';
import { ClassSelect } from '../../ui/ClassSelect';
import { ConsentTab } from './ConsentTab';
import { OverviewTab } from './OverviewTab';
import { RosterTab } from './RosterTab';
import { CLASS_TABS, href, paths, useClassRoute, type ClassTab } from '../../app/routes';

const TAB_LABELS: Record<ClassTab, string> = {
  roster: 'Ученики',
  consents: 'Согласия',
  overview: 'Сводка класса',
};

export function ClassWorkspace() {
  const { staffId } = useSession();
  const data = useSchoolData();
  const [route, navigate] = useClassRoute();
  const me = data?.staff.get(staffId);
  const isDeputy = me?.roles.includes('deputy') ?? false;

  const classes = useMemo((): SchoolClass[] => {
    if (!data) return [];
    return [...data.classes.values()]
      .filter((c) => isDeputy || c.classTeacherId === staffId)
      .sort(compareClasses);
  }, [data, isDeputy, staffId]);

  if (!data) return <p className="loading">Открываем класс…</p>;
  const klass = classes.find((c) => c.id === route.classId) ?? classes[0];
  if (!klass) {
    return <p className="empty">Вы не классный руководитель ни одного класса.</p>;
  }
  const teacher = data.staff.get(klass.classTeacherId);

  return (
    <div className="class-workspace">
      <div className="class-toolbar">
        <h1>Класс {klass.name}</h1>
        {classes.length > 1 && (
          <ClassSelect
            classes={classes}
            value={klass.id}
            onChange={(classId) => navigate({ classId, tab: route.tab })}
          />
        )}
        {teacher && (
          <span className="class-teacher-name">
            Классный руководитель: {teacher.lastName} {teacher.firstName} {teacher.middleName}
          </span>
        )}
      </div>
      <nav className="class-tabs" aria-label="Разделы класса">
        {CLASS_TABS.map((tab) => (
          <a
            key={tab}
            href={href(paths.classWorkspace({ classId: klass.id, tab }))}
            aria-current={tab === route.tab ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ classId: klass.id, tab });
            }}
          >
            {TAB_LABELS[tab]}
          </a>
        ))}
      </nav>
      <main className="class-main">
        {route.tab === 'roster' && <RosterTab key={klass.id} klass={klass} data={data} />}
        {route.tab === 'consents' && <ConsentTab key={klass.id} klass={klass} data={data} />}
        {route.tab === 'overview' && <OverviewTab key={klass.id} klass={klass} data={data} />}
      </main>
    </div>
  );
}
