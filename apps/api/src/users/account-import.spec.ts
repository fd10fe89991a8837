import { describe, expect, it } from 'vitest';
import { generatePassword, parseImport } from './account-import';

const noTeam = { team: null, affiliation: null, country: null, location: null };

describe('parseImport', () => {
  it('reads headers in any case, with spaces, _ or -, and leaves empty cells null', () => {
    const csv =
      '\uFEFFUserName,Display_Name,EMAIL,Course,password\r\nada,Ada Lovelace,ada@example.org,ABCD2345,\r\n\r\nbob,,,,secret-pass\r\n';
    expect(parseImport(csv)).toEqual({
      errors: [],
      rows: [
        {
          line: 2,
          username: 'ada',
          displayName: 'Ada Lovelace',
          email: 'ada@example.org',
          course: 'ABCD2345',
          password: null,
          ...noTeam,
        },
        // Line 3 is empty: skipped, and the numbers stay those of the file.
        { line: 4, username: 'bob', displayName: null, email: null, course: null, password: 'secret-pass', ...noTeam },
      ],
    });
  });

  it('lists every bad line with its column', () => {
    const csv = [
      'username,email,password,team',
      'ok-1,,,',
      'bad name,,,',
      ',,,',
      'ok-2,not-an-email,short,',
      'ok-1,,,',
      'ok-3,,,blue',
      'ok-4,,',
    ].join('\n');
    expect(parseImport(csv).errors).toEqual([
      { line: 3, field: 'username', message: 'letters, digits, _ . - only' },
      { line: 4, field: 'username', message: 'required' },
      { line: 5, field: 'email', message: 'not an email address' },
      { line: 5, field: 'password', message: 'at least 8 characters' },
      { line: 6, field: 'username', message: 'ok-1 is also on line 2' },
      { line: 7, field: 'team', message: 'teams are made in a contest: give the contest to import into (contestId)' },
      { line: 8, field: null, message: '3 fields where the header has 4' },
    ]);
  });

  it('refuses a header with an unknown column, a column twice, or no username', () => {
    expect(parseImport('username,nickname\nada,a').errors).toEqual([
      {
        line: 1,
        field: null,
        message:
          'unknown column "nickname": the columns are username, display name, email, course, password, team, affiliation, country, location',
      },
    ]);
    expect(parseImport('username,Email,e-mail\nada,,').errors.map((e) => e.field)).toEqual([null]);
    expect(parseImport('email,EMAIL\na@b.c,a@b.c').errors).toEqual([
      { line: 1, field: 'email', message: 'the column "email" appears twice' },
      { line: 1, field: 'username', message: 'the column "username" is required' },
    ]);
  });

  it('refuses an empty file, a header alone, and more lines than the cap', () => {
    expect(parseImport('').errors).toEqual([
      { line: 1, field: null, message: 'the file is empty: a header line is required' },
    ]);
    expect(parseImport('username\n').errors).toEqual([
      { line: 1, field: null, message: 'no accounts below the header' },
    ]);
    expect(parseImport('username\na1\na2\na3\n', 2).errors).toEqual([
      { line: 4, field: null, message: 'at most 2 accounts in one file' },
    ]);
  });

  it('reports a file that is not CSV at the line where reading stopped', () => {
    const { errors } = parseImport('username\nada\n"bob\n');
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBeNull();
    expect(errors[0].message).toContain('not readable as CSV');
  });
});

describe('generatePassword', () => {
  it('makes 14 characters a reader cannot confuse, different each time', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const p of passwords) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});

describe('parseImport into a team contest', () => {
  it('reads a member per line, with the team, its affiliation, country (in capitals) and location', () => {
    const csv = ['Team,Affiliation,Country,Location,Username', 'Blue,KTH,swe,Room 1,ada', 'Blue,,,,bob'].join('\n');
    expect(parseImport(csv, 10, 'required')).toMatchObject({
      errors: [],
      rows: [
        { line: 2, username: 'ada', team: 'Blue', affiliation: 'KTH', country: 'SWE', location: 'Room 1' },
        { line: 3, username: 'bob', team: 'Blue', affiliation: null, country: null, location: null },
      ],
    });
  });

  it('lists a fourth member, a bad country, a team whose lines disagree and a line without a team', () => {
    const csv = [
      'team,affiliation,country,username',
      'Blue,KTH,SWE,a1',
      'Blue,,,a2',
      'Blue,,,a3',
      'Blue,,,a4',
      'Red,MIT,Sweden,r1',
      'Red,Harvard,,r2',
      ',,,loner',
    ].join('\n');
    expect(parseImport(csv, 10, 'required').errors).toEqual([
      { line: 6, field: 'country', message: '"SWEDEN" is not an ISO 3166-1 alpha-3 code (such as SWE)' },
      { line: 8, field: 'team', message: 'required' },
      { line: 5, field: 'team', message: 'team "Blue" has more than 3 members (lines 2, 3, 4, 5)' },
      { line: 7, field: 'affiliation', message: 'team "Red" has affiliation "MIT" on line 6' },
    ]);
  });

  it('needs the team column on a team import, and takes lines without a team on an admin import', () => {
    expect(parseImport('username\nada', 10, 'required').errors).toEqual([
      { line: 1, field: 'team', message: 'the column "team" is required' },
    ]);
    const optional = parseImport('username,team,country\nada,,\nbob,Blue,\ncy,,SWE', 10, 'optional');
    expect(optional.errors).toEqual([{ line: 4, field: 'country', message: 'describes a team: this line has none' }]);
    expect(optional.rows.map((r) => r.team)).toEqual([null, 'Blue', null]);
  });
});
