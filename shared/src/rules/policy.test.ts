import { describe, expect, test } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../collections';
import { SYSTEM_ROLES, type SystemRole } from '../model/role';
import {
  REGISTER_BN,
  REGISTER_KS,
  SAMPLES,
  sampleAudit,
  sampleCase,
  sampleClassNode,
  sampleDocument,
  sampleRegister,
  sampleUser,
} from '../testing/samples';
import {
  PERMISSIONS,
  canAdministerMeetings,
  canDispose,
  canPublish,
  canEditCase,
  canEditDocument,
  canHandleCases,
  canQualityAssure,
  canReadAudit,
  canReadRegister,
  canRegisterCase,
  canRegisterDocument,
  canUploadFile,
  hasPermission,
  isMember,
  mayRegisterInProcess,
  type Permission,
  type Subject,
} from './policy';
import { projectRecord } from './projection';

const ME = 'u-me';
const OTHER = 'u-other';

function subject(roles: SystemRole[], o: Partial<Subject> = {}): Subject {
  return { id: ME, roles, registerIds: [REGISTER_KS], groupIds: [], active: true, ...o };
}

const node = sampleClassNode(); // selectable, no group limit
const limitedNode = sampleClassNode({ code: '1.1.4', registrationGroupIds: ['grp-kansli'] });
const groupNode = sampleClassNode({ code: '1.1', level: 2, selectable: false });

/** A case or a document in KS, with the given responsible officer. */
const inKs = (responsibleUserId: string) => ({ registerId: REGISTER_KS, responsibleUserId });
const inBn = (responsibleUserId: string) => ({ registerId: REGISTER_BN, responsibleUserId });

/*
 * What each system role may do, from domain.md "Roles": case officers register (and edit) in
 * their own cases; registrars register everywhere; quality assurers change metadata on others'
 * cases and quality-assure but do not register; archivists and administrators read the actor
 * register; meeting coordinators keep meetings and register in the meetings' and reported cases
 * like registrars (without requests or parties); readers and elected officials only read.
 */
const EXPECTED: Record<SystemRole, readonly Permission[]> = {
  case_officer: [
    'register.read',
    'case.register',
    'case.edit',
    'document.register',
    'document.edit',
    'file.upload',
    'party.edit',
    'request.handle',
  ],
  registrar: [
    'register.read',
    'case.register',
    'case.edit',
    'document.register',
    'document.edit',
    'file.upload',
    'party.edit',
    'request.handle',
    // Annulment is the registry's (domain.md, "Correction and annulment").
    'record.annul',
    'publication.preview',
    'publication.publish',
  ],
  meeting_coordinator: [
    'register.read',
    'case.register',
    'case.edit',
    'document.register',
    'document.edit',
    'file.upload',
    'meeting.admin',
  ],
  quality_assurer: [
    'register.read',
    'case.edit',
    'case.qa',
    'document.edit',
    'document.qa',
    'file.upload',
    'party.edit',
    'audit.read',
    'restriction.lift',
    'request.handle',
    'record.annul',
    'publication.preview',
    'disposal.propose',
    'disposal.execute',
    'archive.transfer',
  ],
  archivist: [
    'register.read',
    'audit.read',
    'publication.preview',
    'publication.publish',
    'disposal.propose',
    'disposal.execute',
    'archive.transfer',
  ],
  administrator: ['register.read', 'config.edit', 'audit.read'],
  reader: ['register.read'],
  elected_official: ['register.read'],
};

describe('hasPermission', () => {
  const rows = SYSTEM_ROLES.flatMap((role) => PERMISSIONS.map((p) => ({ role, p, has: EXPECTED[role].includes(p) })));
  test.each(rows)('$role has $p: $has', ({ role, p, has }) => {
    expect(hasPermission(subject([role]), p)).toBe(has);
  });

  test('only the administrator edits configuration', () => {
    const withConfig = SYSTEM_ROLES.filter((r) => hasPermission(subject([r]), 'config.edit'));
    expect(withConfig).toEqual(['administrator']);
  });
  test('an inactive user has no permission at all', () => {
    for (const p of PERMISSIONS) expect(hasPermission(subject([...SYSTEM_ROLES], { active: false }), p)).toBe(false);
  });
  test('a user without roles has no permission', () => {
    for (const p of PERMISSIONS) expect(hasPermission(subject([]), p)).toBe(false);
  });
  test('several roles give the union', () => {
    const u = subject(['archivist', 'registrar']);
    expect(hasPermission(u, 'audit.read')).toBe(true);
    expect(hasPermission(u, 'case.register')).toBe(true);
    expect(hasPermission(u, 'document.qa')).toBe(false);
  });
});

describe('canAdministerMeetings', () => {
  test.each(SYSTEM_ROLES)('%s: only meeting coordinators, in their own registers', (role) => {
    expect(canAdministerMeetings(subject([role]), REGISTER_KS)).toBe(role === 'meeting_coordinator');
    expect(canAdministerMeetings(subject([role]), REGISTER_BN)).toBe(false);
    expect(canAdministerMeetings(subject([role], { active: false }), REGISTER_KS)).toBe(false);
  });
});

describe('isMember / canReadRegister', () => {
  test.each(SYSTEM_ROLES)('%s: member reads, non-member and inactive do not', (role) => {
    expect(canReadRegister(subject([role]), REGISTER_KS)).toBe(true);
    expect(canReadRegister(subject([role]), REGISTER_BN)).toBe(false);
    expect(canReadRegister(subject([role], { active: false }), REGISTER_KS)).toBe(false);
  });
  test('membership of several registers', () => {
    const u = subject(['reader'], { registerIds: [REGISTER_KS, REGISTER_BN] });
    expect(canReadRegister(u, REGISTER_KS)).toBe(true);
    expect(canReadRegister(u, REGISTER_BN)).toBe(true);
  });
  test('a member without roles cannot read', () => {
    expect(isMember(subject([]), REGISTER_KS)).toBe(true);
    expect(canReadRegister(subject([]), REGISTER_KS)).toBe(false);
  });
  test('an inactive user is a member of nothing', () => {
    expect(isMember(subject(['reader'], { active: false }), REGISTER_KS)).toBe(false);
  });
  test('a user with no registers reads none', () => {
    expect(canReadRegister(subject(['registrar'], { registerIds: [] }), REGISTER_KS)).toBe(false);
  });
});

describe('mayRegisterInProcess', () => {
  test('an unlimited selectable process is open to everyone', () => {
    expect(mayRegisterInProcess(subject(['registrar']), node)).toBe(true);
  });
  test('a limited process needs one of its groups', () => {
    expect(mayRegisterInProcess(subject(['registrar']), limitedNode)).toBe(false);
    expect(mayRegisterInProcess(subject(['registrar'], { groupIds: ['grp-x', 'grp-kansli'] }), limitedNode)).toBe(true);
  });
  test('a non-selectable node (process group with children) takes no registrations', () => {
    expect(mayRegisterInProcess(subject(['registrar']), groupNode)).toBe(false);
  });
  test('an unknown process takes no registrations', () => {
    expect(mayRegisterInProcess(subject(['registrar']), undefined)).toBe(false);
  });
});

describe('canRegisterCase', () => {
  // [role, own case (responsible = me), someone else's case]
  const table: [SystemRole, boolean, boolean][] = [
    ['case_officer', true, false], // registers in own cases only
    ['registrar', true, true],
    ['meeting_coordinator', true, true],
    ['quality_assurer', false, false], // edits others' metadata but does not register
    ['archivist', false, false],
    ['administrator', false, false],
    ['reader', false, false],
    ['elected_official', false, false],
  ];
  test.each(table)("%s: own case %s, other's case %s", (role, own, others) => {
    expect(canRegisterCase(subject([role]), inKs(ME), node)).toBe(own);
    expect(canRegisterCase(subject([role]), inKs(OTHER), node)).toBe(others);
  });
  test('a case officer registering a case with no responsible officer is refused', () => {
    expect(canRegisterCase(subject(['case_officer']), inKs(''), node)).toBe(false);
  });
  test('process limited to a group: refused outside the group, for registrars too', () => {
    expect(canRegisterCase(subject(['registrar']), inKs(OTHER), limitedNode)).toBe(false);
    expect(canRegisterCase(subject(['case_officer']), inKs(ME), limitedNode)).toBe(false);
  });
  test('process limited to a group: allowed inside the group', () => {
    expect(canRegisterCase(subject(['registrar'], { groupIds: ['grp-kansli'] }), inKs(OTHER), limitedNode)).toBe(true);
    expect(canRegisterCase(subject(['case_officer'], { groupIds: ['grp-kansli'] }), inKs(ME), limitedNode)).toBe(true);
  });
  test('group membership does not lift the own-cases limit', () => {
    expect(canRegisterCase(subject(['case_officer'], { groupIds: ['grp-kansli'] }), inKs(OTHER), limitedNode)).toBe(false);
  });
  test('non-selectable node or unknown process: refused', () => {
    expect(canRegisterCase(subject(['registrar']), inKs(ME), groupNode)).toBe(false);
    expect(canRegisterCase(subject(['registrar']), inKs(ME), undefined)).toBe(false);
  });
  test('another register: refused', () => {
    expect(canRegisterCase(subject(['registrar']), inBn(ME), node)).toBe(false);
  });
  test('inactive: refused', () => {
    expect(canRegisterCase(subject(['registrar'], { active: false }), inKs(ME), node)).toBe(false);
  });
  test('case officer + quality assurer: still own cases only (QA does not register)', () => {
    expect(canRegisterCase(subject(['case_officer', 'quality_assurer']), inKs(OTHER), node)).toBe(false);
    expect(canRegisterCase(subject(['case_officer', 'quality_assurer']), inKs(ME), node)).toBe(true);
  });
  test('case officer + registrar: the registrar role lifts the limit', () => {
    expect(canRegisterCase(subject(['case_officer', 'registrar']), inKs(OTHER), node)).toBe(true);
  });
});

describe('canEditCase', () => {
  const table: [SystemRole, boolean, boolean][] = [
    ['case_officer', true, false],
    ['registrar', true, true],
    ['meeting_coordinator', true, true],
    ['quality_assurer', true, true], // "may change metadata on others' cases"
    ['archivist', false, false],
    ['administrator', false, false],
    ['reader', false, false],
    ['elected_official', false, false],
  ];
  test.each(table)("%s: own case %s, other's case %s", (role, own, others) => {
    expect(canEditCase(subject([role]), inKs(ME))).toBe(own);
    expect(canEditCase(subject([role]), inKs(OTHER))).toBe(others);
  });
  test('another register: refused for every role', () => {
    for (const role of SYSTEM_ROLES) expect(canEditCase(subject([role]), inBn(ME))).toBe(false);
  });
  test('inactive: refused', () => {
    expect(canEditCase(subject(['registrar'], { active: false }), inKs(ME))).toBe(false);
  });
  test("case officer + quality assurer edits others' cases through QA", () => {
    expect(canEditCase(subject(['case_officer', 'quality_assurer']), inKs(OTHER))).toBe(true);
  });
});

describe('canRegisterDocument', () => {
  // [role, in own case, in other's case, free-standing own, free-standing other's]
  const table: [SystemRole, boolean, boolean, boolean, boolean][] = [
    ['case_officer', true, false, true, false],
    ['registrar', true, true, true, true],
    ['meeting_coordinator', true, true, true, true],
    ['quality_assurer', false, false, false, false],
    ['archivist', false, false, false, false],
    ['administrator', false, false, false, false],
    ['reader', false, false, false, false],
    ['elected_official', false, false, false, false],
  ];
  test.each(table)("%s: own case %s, other's case %s, free own %s, free other's %s", (role, ownCase, otherCase, freeOwn, freeOther) => {
    const u = subject([role]);
    expect(canRegisterDocument(u, inKs(ME), inKs(ME), node)).toBe(ownCase);
    expect(canRegisterDocument(u, inKs(ME), inKs(OTHER), node)).toBe(otherCase);
    expect(canRegisterDocument(u, inKs(ME), null, node)).toBe(freeOwn);
    expect(canRegisterDocument(u, inKs(OTHER), null, node)).toBe(freeOther);
  });
  test("in a case, the case's officer counts, not the document's", () => {
    const u = subject(['case_officer']);
    // Naming oneself on the document does not open someone else's case.
    expect(canRegisterDocument(u, inKs(ME), inKs(OTHER), node)).toBe(false);
    // A document handled by a colleague may be registered in one's own case.
    expect(canRegisterDocument(u, inKs(OTHER), inKs(ME), node)).toBe(true);
  });
  test('a case in another register is refused, for registrars too', () => {
    expect(canRegisterDocument(subject(['registrar'], { registerIds: [REGISTER_KS, REGISTER_BN] }), inKs(ME), inBn(ME), node)).toBe(false);
    expect(canRegisterDocument(subject(['case_officer'], { registerIds: [REGISTER_KS, REGISTER_BN] }), inKs(ME), inBn(ME), node)).toBe(
      false,
    );
  });
  test('a document in another register is refused', () => {
    expect(canRegisterDocument(subject(['registrar']), inBn(ME), null, node)).toBe(false);
  });
  test('process limits apply to documents too', () => {
    expect(canRegisterDocument(subject(['registrar']), inKs(ME), null, limitedNode)).toBe(false);
    expect(canRegisterDocument(subject(['registrar'], { groupIds: ['grp-kansli'] }), inKs(ME), null, limitedNode)).toBe(true);
    expect(canRegisterDocument(subject(['registrar']), inKs(ME), null, groupNode)).toBe(false);
    expect(canRegisterDocument(subject(['registrar']), inKs(ME), null, undefined)).toBe(false);
  });
  test('inactive: refused', () => {
    expect(canRegisterDocument(subject(['registrar'], { active: false }), inKs(ME), null, node)).toBe(false);
  });
});

describe('canEditDocument', () => {
  const table: [SystemRole, boolean, boolean, boolean, boolean][] = [
    ['case_officer', true, false, true, false],
    ['registrar', true, true, true, true],
    ['meeting_coordinator', true, true, true, true],
    ['quality_assurer', true, true, true, true],
    ['archivist', false, false, false, false],
    ['administrator', false, false, false, false],
    ['reader', false, false, false, false],
    ['elected_official', false, false, false, false],
  ];
  test.each(table)("%s: own case %s, other's case %s, free own %s, free other's %s", (role, ownCase, otherCase, freeOwn, freeOther) => {
    const u = subject([role]);
    expect(canEditDocument(u, inKs(ME), inKs(ME))).toBe(ownCase);
    expect(canEditDocument(u, inKs(ME), inKs(OTHER))).toBe(otherCase);
    expect(canEditDocument(u, inKs(ME), null)).toBe(freeOwn);
    expect(canEditDocument(u, inKs(OTHER), null)).toBe(freeOther);
  });
  test("in a case, the case's officer counts", () => {
    expect(canEditDocument(subject(['case_officer']), inKs(ME), inKs(OTHER))).toBe(false);
    expect(canEditDocument(subject(['case_officer']), inKs(OTHER), inKs(ME))).toBe(true);
  });
  test('a parent case in another register is refused, as for registration', () => {
    const both = [REGISTER_KS, REGISTER_BN];
    expect(canEditDocument(subject(['registrar'], { registerIds: both }), inKs(ME), inBn(ME))).toBe(false);
    expect(canEditDocument(subject(['case_officer'], { registerIds: both }), inKs(ME), inBn(ME))).toBe(false);
  });
  test('another register: refused', () => {
    expect(canEditDocument(subject(['registrar']), inBn(ME), null)).toBe(false);
  });
  test('inactive: refused', () => {
    expect(canEditDocument(subject(['quality_assurer'], { active: false }), inKs(ME), null)).toBe(false);
  });
});

describe('canQualityAssure', () => {
  test.each(SYSTEM_ROLES)('%s', (role) => {
    expect(canQualityAssure(subject([role]), REGISTER_KS)).toBe(role === 'quality_assurer');
  });
  test('only in own registers, only while active', () => {
    expect(canQualityAssure(subject(['quality_assurer']), REGISTER_BN)).toBe(false);
    expect(canQualityAssure(subject(['quality_assurer'], { active: false }), REGISTER_KS)).toBe(false);
  });
});

describe('canDispose', () => {
  // domain.md, "Roles": the archivist, and quality assurers, who "archive and dispose documents".
  const disposers: SystemRole[] = ['quality_assurer', 'archivist'];
  test.each(SYSTEM_ROLES)('%s', (role) => {
    expect(canDispose(subject([role]), REGISTER_KS, 'propose')).toBe(disposers.includes(role));
    expect(canDispose(subject([role]), REGISTER_KS, 'execute')).toBe(disposers.includes(role));
  });
  test('only in own registers, only while active', () => {
    expect(canDispose(subject(['archivist']), REGISTER_BN, 'execute')).toBe(false);
    expect(canDispose(subject(['archivist'], { active: false }), REGISTER_KS, 'propose')).toBe(false);
  });
});

describe('canPublish', () => {
  // The registry and the archivist answer for what the public gets (domain.md names no publisher role).
  const publishers: SystemRole[] = ['registrar', 'archivist'];
  test.each(SYSTEM_ROLES)('%s', (role) => {
    expect(canPublish(subject([role]), REGISTER_KS)).toBe(publishers.includes(role));
  });
  test('only in registers the user reads, only while active', () => {
    expect(canPublish(subject(['registrar']), REGISTER_BN)).toBe(false);
    expect(canPublish(subject(['archivist'], { active: false }), REGISTER_KS)).toBe(false);
  });
});

describe('canReadAudit', () => {
  const readers: SystemRole[] = ['quality_assurer', 'archivist', 'administrator'];
  test.each(SYSTEM_ROLES)('%s', (role) => {
    expect(canReadAudit(subject([role]), REGISTER_KS)).toBe(readers.includes(role));
  });
  test('only in own registers, only while active', () => {
    expect(canReadAudit(subject(['archivist']), REGISTER_BN)).toBe(false);
    expect(canReadAudit(subject(['archivist'], { active: false }), REGISTER_KS)).toBe(false);
  });
});

describe('canUploadFile', () => {
  const table: [SystemRole, boolean, boolean, boolean][] = [
    // [role, document in own case, in other's case, free-standing other's]
    ['case_officer', true, false, false],
    ['registrar', true, true, true],
    ['meeting_coordinator', true, true, true],
    ['quality_assurer', true, true, true],
    ['archivist', false, false, false],
    ['administrator', false, false, false],
    ['reader', false, false, false],
    ['elected_official', false, false, false],
  ];
  test.each(table)("%s: own case %s, other's case %s, free other's %s", (role, ownCase, otherCase, freeOther) => {
    const u = subject([role]);
    expect(canUploadFile(u, inKs(ME), inKs(ME))).toBe(ownCase);
    expect(canUploadFile(u, inKs(ME), inKs(OTHER))).toBe(otherCase);
    expect(canUploadFile(u, inKs(OTHER), null)).toBe(freeOther);
  });
  test('another register or inactive: refused', () => {
    expect(canUploadFile(subject(['registrar']), inBn(ME), null)).toBe(false);
    expect(canUploadFile(subject(['registrar'], { active: false }), inKs(ME), null)).toBe(false);
  });
});

describe('projectRecord', () => {
  /** The sample record of a collection, moved to another register. */
  function inRegister(c: CollectionName, registerId: string): { id: string; registerId: string } {
    const r = SAMPLES[c]() as { id: string; registerId: string };
    return c === 'registers' ? { ...r, id: registerId, registerId } : { ...r, registerId };
  }

  const registerScoped = COLLECTION_NAMES.filter((c) => c !== 'users' && c !== 'registers');
  /** Files need their document, the actor register its target: give them what the server gives. */
  const ctxFor = (c: CollectionName) =>
    c === 'files'
      ? { document: sampleDocument() }
      : c === 'audit'
        ? { auditTarget: { collection: 'cases' as const, record: sampleCase({ responsibleUserId: ME }) } }
        : c === 'flows'
          ? { flowTarget: { record: sampleDocument(), parentCase: sampleCase() } }
          : c === 'requests'
            ? { requestCase: sampleCase() }
            : c === 'parties'
              ? { partyLinks: [] }
              : c === 'meetings'
                ? { meetingCase: sampleCase() }
                : {};

  describe.each(SYSTEM_ROLES)('role %s', (role) => {
    test.each(registerScoped)('%s: own register → the record, other register → null', (c) => {
      const u = subject([role]);
      const mine = inRegister(c, REGISTER_KS);
      expect(projectRecord(u, c, mine, ctxFor(c))).toBe(mine);
      expect(projectRecord(u, c, inRegister(c, REGISTER_BN), ctxFor(c))).toBeNull();
    });
    test.each(COLLECTION_NAMES)('%s: inactive user → null', (c) => {
      expect(projectRecord(subject([role], { active: false }), c, inRegister(c, REGISTER_KS))).toBeNull();
    });
  });

  test.each(registerScoped)('%s: a member without roles (no register.read) receives nothing', (c) => {
    expect(projectRecord(subject([]), c, inRegister(c, REGISTER_KS))).toBeNull();
  });

  describe('registers', () => {
    test('registers the user is a member of', () => {
      const ks = sampleRegister();
      expect(projectRecord(subject(['reader']), 'registers', ks)).toBe(ks);
    });
    test('other registers do not exist for the user', () => {
      const bn = sampleRegister({ id: REGISTER_BN, registerId: REGISTER_BN, casePrefix: 'BN' });
      expect(projectRecord(subject(['registrar']), 'registers', bn)).toBeNull();
    });
    test('membership of both gives both', () => {
      const u = subject(['reader'], { registerIds: [REGISTER_KS, REGISTER_BN] });
      const bn = sampleRegister({ id: REGISTER_BN, registerId: REGISTER_BN });
      expect(projectRecord(u, 'registers', bn)).toBe(bn);
    });
  });

  describe('users (the directory)', () => {
    test('a colleague sharing a register is visible', () => {
      const colleague = sampleUser({ id: OTHER, registerIds: [REGISTER_KS] });
      expect(projectRecord(subject(['reader']), 'users', colleague)).toBe(colleague);
    });
    test('a colleague sharing one of several registers is visible', () => {
      const colleague = sampleUser({ id: OTHER, registerId: REGISTER_BN, registerIds: [REGISTER_BN, REGISTER_KS] });
      expect(projectRecord(subject(['reader']), 'users', colleague)).toBe(colleague);
    });
    test('a user of another register only is not visible', () => {
      const stranger = sampleUser({ id: OTHER, registerId: REGISTER_BN, registerIds: [REGISTER_BN] });
      expect(projectRecord(subject(['registrar']), 'users', stranger)).toBeNull();
    });
    test("one's own record is visible even without any register", () => {
      const me = sampleUser({ id: ME, registerIds: [] });
      expect(projectRecord(subject(['reader'], { registerIds: [] }), 'users', me)).toBe(me);
    });
    test('an inactive colleague stays in the directory (names in old records)', () => {
      const former = sampleUser({ id: OTHER, active: false });
      expect(projectRecord(subject(['reader']), 'users', former)).toBe(former);
    });
    test('an inactive viewer sees no one, not even themselves', () => {
      const me = sampleUser({ id: ME });
      expect(projectRecord(subject(['reader'], { active: false }), 'users', me)).toBeNull();
    });
  });

  describe('audit (the actor register)', () => {
    const aboutCase = (responsibleUserId: string) => ({
      auditTarget: { collection: 'cases' as const, record: sampleCase({ responsibleUserId }) },
    });
    test('readers without audit.read do not receive the actor register', () => {
      expect(projectRecord(subject(['reader']), 'audit', sampleAudit({ caseId: 'case-1' }), aboutCase(OTHER))).toBeNull();
      expect(projectRecord(subject(['registrar']), 'audit', sampleAudit({ caseId: 'case-1' }), aboutCase(OTHER))).toBeNull();
    });
    test('the responsible officer reads the entries of their own case', () => {
      const entry = sampleAudit({ caseId: 'case-1' });
      expect(projectRecord(subject(['case_officer']), 'audit', entry, aboutCase(ME))).toBe(entry);
    });
    test('roles with audit.read receive free-standing entries', () => {
      const entry = sampleAudit({ caseId: '', recordCollection: 'parties', recordId: 'party-1' });
      expect(projectRecord(subject(['archivist']), 'audit', entry, { auditParty: { protectedIdentity: false }, partyLinks: [] })).toBe(
        entry,
      );
    });
    test('entries of another register: null', () => {
      expect(projectRecord(subject(['archivist']), 'audit', sampleAudit({ registerId: REGISTER_BN }))).toBeNull();
    });
  });
});

describe('canHandleCases', () => {
  test('lets the roles that handle cases be responsible officers, in their own register only', () => {
    for (const role of ['case_officer', 'registrar', 'quality_assurer', 'meeting_coordinator'] as const)
      expect(canHandleCases(sampleUser({ roles: [role], registerIds: [REGISTER_KS] }), REGISTER_KS), role).toBe(true);
    for (const role of ['archivist', 'administrator', 'reader', 'elected_official'] as const)
      expect(canHandleCases(sampleUser({ roles: [role], registerIds: [REGISTER_KS] }), REGISTER_KS), role).toBe(false);
    expect(canHandleCases(sampleUser({ roles: ['case_officer'], registerIds: [REGISTER_BN] }), REGISTER_KS)).toBe(false);
    expect(canHandleCases(sampleUser({ roles: ['case_officer'], registerIds: [REGISTER_KS], active: false }), REGISTER_KS)).toBe(false);
  });
});
