/** Injection tokens for infrastructure made before Nest starts. */
export const LANGUAGES = Symbol('LANGUAGES');
export const PACKAGE_STORE = Symbol('PACKAGE_STORE');
export const JUDGE_QUEUE = Symbol('JUDGE_QUEUE');
export const STATEMENT_FILE_STORE = Symbol('STATEMENT_FILE_STORE');
/** The EventBus of the deployment (@judge/queue): Redis when REDIS_URL is set, else this process. */
export const EVENT_BUS = Symbol('EVENT_BUS');
/** Where scoreboards are kept once computed (contests/board-cache.ts): Redis when REDIS_URL is set, else this process. */
export const BOARD_CACHE = Symbol('BOARD_CACHE');
/** Sliding windows of submissions and runs per user (common/rate-windows.ts): Redis when REDIS_URL is set, else null. */
export const RATE_WINDOWS = Symbol('RATE_WINDOWS');
