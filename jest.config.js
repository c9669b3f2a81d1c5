/** Four projects: `npm test` runs unit + e2e (Node only); services and browser have their own scripts. */
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^nest-chat$': '<rootDir>/libs/chat/src/index.ts',
    '^nest-chat/openai$': '<rootDir>/libs/chat/src/integrations/openai/index.ts',
    '^nest-chat/langchain$': '<rootDir>/libs/chat/src/integrations/langchain/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'services', testMatch: ['<rootDir>/test/**/*.services-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/**/*.browser-spec.ts'] },
    { ...common, displayName: 'soak', testMatch: ['<rootDir>/test/**/*.soak-spec.ts'] },
  ],
};
