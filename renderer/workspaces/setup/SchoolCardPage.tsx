// «Настройка → Карточка школы»: names, contacts, director, the personal-data operator and
// processor, the information system and the pupil's signature on consent forms — everything the
// consent applications print. Saving the first card creates the school.
import { useState, type FormEvent } from 'react';
import { todayIso } from '../../../shared/dates';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import { ErrorPlacement } from './form-problems';
import {
  applySchoolCard,
  missingCardFields,
  newSchool,
  SCHOOL_CARD_PATHS,
  schoolCardFields,
  type SchoolCardFields,
} from './school-card-form';
import { SaveBar, TextField, useSave } from './SetupForm';

export function SchoolCardPage({ school }: { school: School | null }) {
  const { setup } = useRepositories();
  const [base, setBase] = useState<School | null>(school);
  const [fields, setFields] = useState<SchoolCardFields>(() =>
    schoolCardFields(school ?? newSchool(todayIso())),
  );
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = missingCardFields(fields);
    if (Object.keys(missing).length > 0) {
      save.setErrors(missing);
      return;
    }
    const next = applySchoolCard(base ?? newSchool(todayIso()), fields);
    await save.run(async () => setBase(await setup.saveSchool({ base, next })));
  };

  const text = (
    key: Exclude<keyof SchoolCardFields, 'consentPupilSignature'>,
    label: string,
    wide = false,
  ) => (
    <TextField
      label={label}
      className={wide ? 'setup-wide' : undefined}
      value={fields[key]}
      onChange={(v) => setFields((f) => ({ ...f, [key]: v }))}
      path={SCHOOL_CARD_PATHS[key]}
      errors={errors}
    />
  );

  return (
    <form className="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Карточка школы</h2>
      {!school && (
        <p className="setup-hint">
          Начните с карточки школы: после её сохранения откроются учебный год, звонки, предметы,
          классы и учебный план.
        </p>
      )}
      <fieldset>
        <legend>Школа</legend>
        <div className="setup-grid">
          {text('fullName', 'Полное название (как в уставе)', true)}
          {text(
            'fullNameGenitive',
            'Полное название в родительном падеже (для заявлений: «Директору …»)',
            true,
          )}
          {text('shortName', 'Краткое название')}
          {text('address', 'Адрес', true)}
          {text('phone', 'Телефон')}
          {text('email', 'Электронная почта')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Директор</legend>
        <div className="setup-grid">
          {text('directorName', 'Фамилия, имя, отчество')}
          {text('directorNameDative', 'Кому: в дательном падеже (Петровой Елене Викторовне)')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Оператор персональных данных</legend>
        <div className="setup-grid">
          {text('operatorName', 'Наименование', true)}
          {text('operatorAddress', 'Адрес', true)}
          {text('operatorInn', 'ИНН')}
          {text('operatorOgrn', 'ОГРН')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Обработчик по поручению оператора (если есть)</legend>
        <div className="setup-grid">
          {text('processorName', 'Наименование', true)}
          {text('processorAddress', 'Адрес', true)}
        </div>
      </fieldset>
      <fieldset>
        <legend>Заявления о согласии</legend>
        <div className="setup-grid">
          {text('informationSystem', 'Название информационной системы', true)}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={fields.consentPupilSignature}
              onChange={(e) =>
                setFields((f) => ({ ...f, consentPupilSignature: e.target.checked }))
              }
            />
            Место для подписи обучающегося 14–17 лет
          </label>
        </div>
      </fieldset>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
