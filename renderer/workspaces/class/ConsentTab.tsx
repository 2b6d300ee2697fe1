// "Согласия": the consent registry per guardian of every student — answers, filters, counts,
// registering an answer, and printing applications and paper extracts.
import { Fragment, useMemo, useState } from 'react';
import { fullName, shortName } from '../../../shared/common';
import { CONSENT_CHANNEL_LABELS, effectiveChannel } from '../../../shared/consent';
import type { ConsentVariant } from '../../../shared/documents/consent-model';
import type { SchoolClass } from '../../../shared/school-class';
import { GUARDIAN_KIND_LABELS } from '../../../shared/student';
import { useSession } from '../../data/session';
import type { SchoolData } from '../../data/use-school-data';
import { formatDate, todayIso } from '../../../shared/dates';
import { consentApplicationsJob, paperExtractsJob } from '../../print/jobs';
import type { PrintJob } from '../../print/print-job';
import { PrintDialog } from '../../print/PrintDialog';
import { ExtractPrintRow } from '../../print/ExtractSpanPicker';
import { classPeriods } from './class-periods';
import { ConsentForm } from './ConsentForm';
import {
  filterRows,
  formPicks,
  loginCell,
  REGISTRY_FILTERS,
  REGISTRY_STATE_LABELS,
  REGISTRY_STATES,
  registryCounts,
  registryRows,
  type RegistryFilter,
  type RegistryRow,
} from './consent-registry';
import { useClassConsents, useClassStudents } from '../../data/use-class';
import { useFamilyAccess } from '../../data/use-family-access';
import { ageOn, STUDENT_ACCOUNT_AGE } from '../../../shared/family-access';
import { familyViewRows, type FamilyViewRow } from '../../../shared/family-view-rows';
import { DiaryAccessCell } from './DiaryAccessCell';
import { useLoginIssuing } from './use-login-issuing';

interface Props {
  klass: SchoolClass;
  data: SchoolData;
}

const VARIANT_LABELS: Record<ConsentVariant, string> = {
  consent: 'согласие',
  refusal: 'отказ',
  withdrawal: 'отзыв согласия',
};

function rowKey(r: RegistryRow): string {
  return `${r.student.id}|${r.guardianId ?? ''}`;
}

export function ConsentTab({ klass, data }: Props) {
  const { db } = useSession();
  const students = useClassStudents(klass.id);
  const consents = useClassConsents(klass.id);
  const [filter, setFilter] = useState<RegistryFilter>('all');
  const [editing, setEditing] = useState<string | null>(null);
  const [variant, setVariant] = useState<ConsentVariant>('consent');
  const today = todayIso();
  const { periods, current } = useMemo(
    () => classPeriods(data.periods, klass, today),
    [data.periods, klass, today],
  );
  const [job, setJob] = useState<PrintJob | null>(null);
  const { state: access, refresh } = useFamilyAccess(klass.id);
  const issuing = useLoginIssuing(refresh);

  const rows = useMemo(
    () => (students && consents ? registryRows(students, consents) : null),
    [students, consents],
  );
  // Each holder's login and last view, worded as on the view-control sheet.
  const diary = useMemo(() => {
    const map = new Map<string, FamilyViewRow>();
    if (!students || !consents || access.status !== 'ready') return map;
    for (const r of familyViewRows({
      students,
      consents,
      access: access.access.rows,
      today,
      paperAfterDays: access.access.paperAfterDays,
    })) {
      map.set(`${r.studentId}|${r.guardianId ?? ''}`, r);
    }
    return map;
  }, [students, consents, access, today]);
  if (!rows) return <p className="loading">Загружаем реестр согласий…</p>;
  const counts = registryCounts(rows);
  const shown = filterRows(rows, filter);
  const picks = formPicks(shown, variant);
  const staffName = (id: string) => {
    const s = data.staff.get(id);
    return s ? shortName(s) : id;
  };

  return (
    <div className="consents">
      <div className="tab-toolbar">
        <h2>Реестр согласий</h2>
        <p className="consent-counts" aria-label="Итоги по родителям">
          {REGISTRY_STATES.map((s) => (
            <span key={s} className={`state state-${s}`}>
              {REGISTRY_STATE_LABELS[s]}: <strong>{counts[s]}</strong>
            </span>
          ))}
        </p>
      </div>
      <div className="tab-toolbar">
        <div className="filters" role="group" aria-label="Отбор">
          {REGISTRY_FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              aria-pressed={filter === f.id}
              onClick={() => setFilter(f.id)}
            >
              {f.label} ({counts[f.id]})
            </button>
          ))}
        </div>
        <div className="print-row">
          <label className="inline-field">
            Вид заявления{' '}
            <select value={variant} onChange={(e) => setVariant(e.target.value as ConsentVariant)}>
              {(Object.keys(VARIANT_LABELS) as ConsentVariant[]).map((v) => (
                <option key={v} value={v}>
                  {VARIANT_LABELS[v]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={picks.length === 0}
            title={
              variant === 'withdrawal'
                ? 'Для родителей из списка, чьё согласие зарегистрировано: каждому своё заявление'
                : variant === 'refusal'
                  ? 'Для родителей из списка, кроме давших согласие: каждому своё заявление'
                  : 'Для родителей из списка: каждому своё заявление'
            }
            onClick={() => setJob(consentApplicationsJob(db, klass, variant, picks))}
          >
            Печать заявлений ({picks.length})
          </button>
        </div>
        {periods.length > 0 && (
          <ExtractPrintRow
            periods={periods}
            initialPeriodId={current?.id ?? ''}
            label="Печать выписок"
            onPrint={(options) => setJob(paperExtractsJob(db, klass, options, periods))}
          />
        )}
      </div>
      {issuing.notice && (
        <p className="page-notice" role="status">
          {issuing.notice}
        </p>
      )}
      {access.status === 'failed' && (
        <p className="page-notice" role="alert">
          {access.message}
        </p>
      )}
      <table className="class-table consent-table">
        <thead>
          <tr>
            <th>№</th>
            <th>Ученик</th>
            <th>Родитель</th>
            <th>Решение</th>
            <th>Дата</th>
            <th>Как получает отметки</th>
            <th>Зарегистрировал</th>
            <th>Логин выдан</th>
            <th>Дневник</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => {
            const key = rowKey(r);
            // The second guardian of a family: the student's number and name are not repeated.
            const continued = shown[i - 1]?.student.id === r.student.id;
            const c = r.consent;
            const guardianId = r.guardianId;
            return (
              <Fragment key={key}>
                <tr
                  data-guardian-id={r.guardianId ?? ''}
                  data-student={fullName(r.student)}
                  className={continued ? 'same-family' : 'family-start'}
                >
                  <td className="num">{continued ? '' : r.number}</td>
                  <td>{continued ? '' : fullName(r.student)}</td>
                  <td>
                    {r.guardian ? (
                      <>
                        {fullName(r.guardian)}{' '}
                        <span className="muted">({GUARDIAN_KIND_LABELS[r.guardian.kind]})</span>
                      </>
                    ) : (
                      <span className="muted">нет сведений о родителях</span>
                    )}
                  </td>
                  <td>
                    <span className={`state state-${r.state}`}>
                      {REGISTRY_STATE_LABELS[r.state]}
                    </span>
                  </td>
                  <td>{c ? formatDate(c.date) : '—'}</td>
                  <td>{c ? CONSENT_CHANNEL_LABELS[effectiveChannel(c)] : '—'}</td>
                  <td>{c ? staffName(c.registeredBy) : '—'}</td>
                  <td className={loginCell(c).needsClosing ? 'login-to-close' : undefined}>
                    {loginCell(c).text}
                  </td>
                  <td>
                    {guardianId && (
                      <DiaryAccessCell
                        row={diary.get(`${r.student.id}|${guardianId}`)}
                        online={issuing.online}
                        canIssue={c?.decision === 'consent' && c.channel === 'electronic'}
                        who={r.guardian ? fullName(r.guardian) : ''}
                        onIssue={() => {
                          if (!c) return;
                          void issuing
                            .saveAnswer(
                              { studentId: r.student.id, guardianId, classId: klass.id },
                              {
                                decision: c.decision,
                                date: c.date,
                                channel: c.channel,
                                loginIssued: true,
                                note: c.note,
                              },
                              { ...c, loginIssued: false },
                            )
                            .catch((e: unknown) =>
                              issuing.setNotice(e instanceof Error ? e.message : String(e)),
                            );
                        }}
                        onNewPassword={(compromised) =>
                          void issuing.newPassword(r.student.id, guardianId, compromised)
                        }
                        onUnlock={() => void issuing.unlock(r.student.id, guardianId)}
                      />
                    )}
                    {!continued && (
                      <StudentOwnLogin
                        own={diary.get(`${r.student.id}|`)}
                        age={ageOn(r.student.birthDate, today)}
                        online={issuing.online}
                        onIssue={() => void issuing.studentLogin(r.student.id)}
                        onNewPassword={() => void issuing.newPassword(r.student.id, null, false)}
                        onUnlock={() => void issuing.unlock(r.student.id, null)}
                      />
                    )}
                  </td>
                  <td>
                    {guardianId && (
                      <button
                        type="button"
                        aria-label={`Ответ: ${r.guardian ? fullName(r.guardian) : ''}`}
                        onClick={() => setEditing(editing === key ? null : key)}
                      >
                        {c ? 'Изменить' : 'Зарегистрировать'}
                      </button>
                    )}
                  </td>
                </tr>
                {editing === key && guardianId && (
                  <tr className="consent-edit">
                    <td colSpan={10}>
                      <ConsentForm
                        consent={c}
                        today={today}
                        onCancel={() => setEditing(null)}
                        onSubmit={async (answer) => {
                          await issuing.saveAnswer(
                            { studentId: r.student.id, guardianId, classId: klass.id },
                            answer,
                            c,
                          );
                          setEditing(null);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 && <p className="empty">Под этот отбор никто не подходит.</p>}
      {issuing.job && (
        <PrintDialog
          job={issuing.job}
          onClose={issuing.closeJob}
          emptyText="Нет листка для печати."
        />
      )}
      {job && (
        <PrintDialog
          job={job}
          onClose={() => setJob(null)}
          emptyText="Нет семей для этого документа (для выписок — нет семей с бумажными выписками)."
        />
      )}
    </div>
  );
}

/** A student's own diary login (from 14): its state, or the button that issues it. */
function StudentOwnLogin(props: {
  own: FamilyViewRow | undefined;
  age: number | null;
  online: boolean;
  onIssue: () => void;
  onNewPassword: () => void;
  onUnlock: () => void;
}) {
  const { own, age, online } = props;
  const open = own !== undefined && own.access !== 'closed';
  if (open) {
    return (
      <div className="diary-access diary-own">
        ученик: <code className="diary-login">{own.login}</code>{' '}
        <span className="diary-status">{own.status}</span>{' '}
        {own.locked && (
          <span className="diary-locked">вход заблокирован: много неверных паролей</span>
        )}{' '}
        {online && own.locked && (
          <button type="button" onClick={props.onUnlock}>
            Разблокировать вход ученику
          </button>
        )}{' '}
        {online && (
          <button type="button" onClick={props.onNewPassword}>
            Новый пароль ученику
          </button>
        )}
      </div>
    );
  }
  if (!online || age === null || age < STUDENT_ACCOUNT_AGE) return null;
  return (
    <div className="diary-access diary-own">
      <button type="button" onClick={props.onIssue}>
        Логин ученику ({age} лет)
      </button>
    </div>
  );
}
