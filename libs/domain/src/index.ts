export * from './roles';
export * from './codes';
export * from './lifecycle';
export * from './deadlines';
export * from './access';
export * from './record';
export * from './referrals';
