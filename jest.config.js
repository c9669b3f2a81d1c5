/**
 * Five projects: `npm test` runs unit + e2e (Node only, in-process); soak (child processes,
 * long runs), services and browser have their own scripts.
 *
 * A test waits on events, with time bounds only for failure: each bound is generous, because the
 * machine that runs the tests may be busy with other work.
 */
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^nest-chat$': '<rootDir>/libs/chat/src/index.ts',
    '^nest-chat/openai$': '<rootDir>/libs/chat/src/integrations/openai/index.ts',
    '^nest-chat/langchain$': '<rootDir>/libs/chat/src/integrations/langchain/index.ts',
    '^nest-chat/worker$': '<rootDir>/libs/chat/src/asyncify/worker-chat.ts',
    '^nest-chat/ai$': '<rootDir>/libs/chat/src/integrations/ai/index.ts',
    '^nest-chat/testing$': '<rootDir>/libs/chat/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // Jest's 5 s default is for a quiet machine; a test's own waits fail earlier, with a message.
  // (A run-wide option: jest reads testTimeout from the root config, not from a project.)
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    {
      ...common,
      displayName: 'soak',
      testMatch: ['<rootDir>/test/**/*.soak-spec.ts'],
    },
    {
      ...common,
      displayName: 'services',
      testMatch: ['<rootDir>/test/**/*.services-spec.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
    },
  ],
};
