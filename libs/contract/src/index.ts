export * from './verdict';
export * from './judgement';
