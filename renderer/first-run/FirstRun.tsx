// First run: connect to the school server, or try the journal on a generated demo school.
import { useState } from 'react';
import type { JournalDatabase } from '../db/types';
import { DemoSchoolLoader } from './DemoSchoolLoader';
import { ServerConnectForm } from './ServerConnectForm';

type Choice = 'none' | 'server' | 'demo';

export function FirstRun({ db, onDone }: { db: JournalDatabase; onDone: () => void }) {
  const [choice, setChoice] = useState<Choice>('none');
  return (
    <main className="first-run">
      <h1>Классный журнал</h1>
      <p className="lead">
        Журнал работает и без интернета: все записи сохраняются на этом компьютере.
      </p>
      {choice === 'none' && (
        <div className="first-run-choices">
          <button type="button" className="choice" onClick={() => setChoice('server')}>
            <strong>Подключиться к серверу школы</strong>
            <span>Адрес сервера, логин и пароль выдаёт администратор школы.</span>
          </button>
          <button type="button" className="choice" onClick={() => setChoice('demo')}>
            <strong>Демо-школа</strong>
            <span>Вымышленная школа на 300 учеников, чтобы попробовать журнал.</span>
          </button>
        </div>
      )}
      {choice === 'server' && (
        <ServerConnectForm db={db} onBack={() => setChoice('none')} onConnected={onDone} />
      )}
      {choice === 'demo' && (
        <DemoSchoolLoader db={db} onBack={() => setChoice('none')} onLoaded={onDone} />
      )}
    </main>
  );
}
