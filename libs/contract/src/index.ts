export * from './verdict';
export * from './judgement';
export * from './jobs';
export * from './api';
export * from './contests';
export * from './scoring';
export * from './courses';
export * from './units';
