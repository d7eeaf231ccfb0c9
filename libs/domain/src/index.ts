export * from './roles';
export * from './codes';
export * from './lifecycle';
