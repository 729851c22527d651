import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { MeetingBody, OpenCaseBody } from './case-bodies.js';
import { pointerSegments, problemsOf, schemaProblems, segmentsToPath } from './problems.js';

describe('paths', () => {
  it('turns JSON pointers into segments', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/stages/2/steps/0/id')).toEqual(['stages', 2, 'steps', 0, 'id']);
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });

  it('turns segments into dotted paths', () => {
    expect(segmentsToPath([])).toBe('');
    expect(segmentsToPath(['stages', 2, 'steps', 0, 'id'])).toBe('stages[2].steps[0].id');
    expect(segmentsToPath(['deadlines', 'acceptDays'])).toBe('deadlines.acceptDays');
  });
});

describe('what a schema says is wrong, as problems', () => {
  it('names every field at once, each with a code and its parameters', () => {
    const body = {
      kind: 'collective',
      channel: 'visit',
      category: '',
      title: 'x'.repeat(201),
      description: '',
      headcount: 'many',
      representatives: [{ name: '' }, { name: 'Li', contact: 5 }],
      receivedAt: 'yesterday',
      colour: 'red',
    };
    expect(schemaProblems(Value.Errors(OpenCaseBody, body))).toEqual([
      { field: 'colour', code: 'unknown_field' },
      { field: 'category', code: 'required' },
      { field: 'title', code: 'too_long', params: { limit: 200 } },
      { field: 'description', code: 'required' },
      { field: 'headcount', code: 'not_integer' },
      { field: 'representatives[0].name', code: 'required' },
      { field: 'representatives[1].contact', code: 'wrong_type', params: { type: 'string' } },
      { field: 'receivedAt', code: 'date_time' },
    ]);
  });

  it('lists the allowed values instead of "must be equal to constant"', () => {
    expect(schemaProblems(Value.Errors(OpenCaseBody, { kind: 'group', channel: 'fax', category: 'a', title: 'b', description: 'c' }))).toEqual([
      { field: 'kind', code: 'one_of', params: { values: ['individual', 'collective'] } },
      { field: 'channel', code: 'one_of', params: { values: ['visit', 'letter', 'online', 'phone', 'open311', 'unit_report'] } },
    ]);
  });

  it('says a missing field is required, and finds more than TypeBox’s first eight', () => {
    expect(schemaProblems(Value.Errors(MeetingBody, {}))).toEqual([
      { field: 'heldAt', code: 'required' },
      { field: 'attendees', code: 'required' },
      { field: 'summary', code: 'required' },
    ]);
    const commitments = Array.from({ length: 12 }, () => '');
    expect(schemaProblems(Value.Errors(MeetingBody, { heldAt: '2026-01-01T00:00:00Z', attendees: 'a', summary: 's', commitments }))).toHaveLength(12);
  });

  it('reads the problems of an error answer, and ignores anything not in their shape', () => {
    expect(problemsOf({ problems: [{ field: 'title', code: 'required' }, { field: 'x', code: 'no_such_code' }, 'nonsense'] })).toEqual([{ field: 'title', code: 'required' }]);
    expect(problemsOf(undefined)).toEqual([]);
  });
});
