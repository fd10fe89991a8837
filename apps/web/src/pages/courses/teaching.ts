import type { CourseRole } from '@judge/contract';
import { isStaff, type SessionUser } from '../../auth/session';

/**
 * Whether the caller sees a course as its teacher: its teachers, and staff looking in from outside (role
 * null). Only for what to show: the API checks every request itself.
 */
export function teaches(role: CourseRole | null | undefined, user: SessionUser | null): boolean {
  return role === 'teacher' || (role === null && isStaff(user));
}
