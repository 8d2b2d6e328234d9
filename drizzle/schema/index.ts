export * from './users.ts';
export * from './sessions.ts';
export * from './audit.ts';
export * from './organizations.ts';
export * from './channels.ts';
export * from './tokens.ts';
export * from './probes.ts';
