// The save of a page that edits the school document: the stored version the page started from
// (the next save's base), the draft checked before anything is written, the checks' messages by
// field, and what the save writes besides the school (the year's periods).
import { useState, type FormEvent } from 'react';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import { ErrorPlacement, type BuiltSchool } from './form-problems';
import { useSave } from './SetupForm';

export function useSchoolSave(school: School) {
  const { setup } = useRepositories();
  const [base, setBase] = useState<School>(school);
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);

  /** The form's submit: build from the current base, refuse by field, or save and move the base. */
  const submitWith =
    <Extra extends object>(
      build: (base: School) => BuiltSchool<Extra>,
      alsoSave?: (built: Extra) => Promise<unknown>,
    ) =>
    async (event: FormEvent) => {
      event.preventDefault();
      const built = build(base);
      if (!built.ok) {
        save.setErrors(built.errors);
        return;
      }
      await save.run(async () => {
        setBase(await setup.saveSchool({ base, next: built.school }));
        if (alsoSave) await alsoSave(built);
      });
    };

  return { save, errors, submitWith };
}
