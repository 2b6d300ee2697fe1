// «Школа → Настройка» (#/school/setup/<page>): the set-up pages in the order a school fills them —
// the school card first (it creates the school), then the year, bells, grading, subjects, classes
// and the curriculum. Every page writes replicated documents through the setup repository.
import { useRoute } from 'wouter';
import type { School } from '../../../shared/school';
import { href, paths, ROUTE_PATTERNS, routeParam } from '../../app/routes';
import { BellsPage } from './BellsPage';
import { ClassesPage } from './ClassesPage';
import { CurriculumPage } from './CurriculumPage';
import { GradingPage } from './GradingPage';
import { SchoolCardPage } from './SchoolCardPage';
import { SubjectsPage } from './SubjectsPage';
import { useSetupData, type SetupData } from '../../data/use-setup-data';
import { YearPage } from './YearPage';
import './setup.css';

export const SETUP_PAGES = [
  { id: 'card', label: 'Карточка школы' },
  { id: 'year', label: 'Учебный год' },
  { id: 'bells', label: 'Звонки' },
  { id: 'grading', label: 'Оценивание' },
  { id: 'subjects', label: 'Предметы' },
  { id: 'classes', label: 'Классы' },
  { id: 'curriculum', label: 'Учебный план' },
] as const;
export type SetupPage = (typeof SETUP_PAGES)[number]['id'];

function useSetupPage(): SetupPage {
  const [, params] = useRoute<{ page?: string }>(ROUTE_PATTERNS.setup);
  const page = routeParam(params?.page);
  return SETUP_PAGES.find((p) => p.id === page)?.id ?? 'card';
}

function renderPage(page: SetupPage, school: School, data: SetupData) {
  // Each page keeps its draft while open; a page opened again starts from the stored documents.
  switch (page) {
    case 'card':
      return <SchoolCardPage school={school} />;
    case 'year':
      return <YearPage school={school} periods={data.periods} />;
    case 'bells':
      return <BellsPage school={school} />;
    case 'grading':
      return <GradingPage school={school} />;
    case 'subjects':
      return <SubjectsPage school={school} />;
    case 'classes':
      return <ClassesPage school={school} data={data} />;
    case 'curriculum':
      return <CurriculumPage school={school} data={data} />;
  }
}

export function SetupScreen() {
  const data = useSetupData();
  const page = useSetupPage();
  if (!data) return <p className="loading">Открываем настройку школы…</p>;
  const school = data.school;
  const shown = school ? page : 'card';
  return (
    <div className="setup-screen">
      <nav className="setup-pages" aria-label="Настройка">
        {SETUP_PAGES.map((p, i) => (
          <a
            key={p.id}
            href={href(paths.setup(p.id))}
            aria-current={p.id === shown ? 'page' : undefined}
            aria-disabled={!school && p.id !== 'card' ? true : undefined}
          >
            {i + 1}. {p.label}
          </a>
        ))}
      </nav>
      <div className="setup-page" key={shown}>
        {school && shown !== 'card' ? (
          renderPage(shown, school, data)
        ) : (
          <SchoolCardPage school={school} />
        )}
      </div>
    </div>
  );
}
