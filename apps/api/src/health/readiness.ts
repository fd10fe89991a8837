/** Something /api/health waits for besides the database (the queue). */
export interface ReadinessCheck {
  name: string;
  ready(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
