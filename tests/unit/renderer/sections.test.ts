// The first screen after sign-in per role (renderer/app/sections.ts).
import { describe, expect, it } from 'vitest';
import { currentSection, homeSection, sectionsFor } from '../../../renderer/app/sections';

describe('homeSection', () => {
  it('a deputy who teaches nothing starts in «Школа»; a teaching deputy and teachers in the journal', () => {
    const deputy = sectionsFor(['deputy']);
    expect(homeSection(['deputy'], deputy)?.id).toBe('school');
    expect(currentSection(null, deputy, ['deputy'])?.id).toBe('school');
    // A link into the journal is followed all the same.
    expect(currentSection('journal', deputy, ['deputy'])?.id).toBe('journal');
    const teachingDeputy = sectionsFor(['deputy', 'teacher']);
    expect(homeSection(['deputy', 'teacher'], teachingDeputy)?.id).toBe('journal');
    expect(homeSection(['teacher'], sectionsFor(['teacher']))?.id).toBe('journal');
    expect(homeSection([], sectionsFor([]))).toBeUndefined();
  });
});
