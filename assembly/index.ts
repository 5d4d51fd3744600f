// The kernel's public surface: re-exports only.
export * from './consensus';
