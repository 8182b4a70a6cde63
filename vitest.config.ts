import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships ESM and CommonJS copies; type-graphql and Apollo load the CommonJS one under Node,
// so the tests must too, or schemas built by one copy are "from another realm" for the other.
const graphqlCommonJs = createRequire(import.meta.url).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlCommonJs }] };

// esbuild does not emit decorator metadata, which MikroORM and type-graphql read: SWC compiles the tests.
const decorators = swc.vite({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
});

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/global-setup.ts'],
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    projects: [
      {
        plugins: [decorators],
        resolve,
        test: { name: 'unit', include: ['server/src/**/*.test.ts'], environment: 'node', setupFiles: ['tests/setup/reflect.ts'] },
      },
      {
        plugins: [decorators],
        resolve,
        test: { name: 'rules', include: ['tests/rules/**/*.test.ts'], environment: 'node', setupFiles: ['tests/setup/reflect.ts'] },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'api',
          setupFiles: ['tests/setup/reflect.ts'],
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'e2e',
          setupFiles: ['tests/setup/reflect.ts'],
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Each file drives its own browser and server: two at a time suit a 2-core machine,
          // after the unit and API tests (a later group).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
