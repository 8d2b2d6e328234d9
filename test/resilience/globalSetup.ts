/** The resilience suite runs only against PostgreSQL: say so at once instead of failing in every file. */
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL)
    throw new Error(
      'The resilience suite needs PostgreSQL: run it with e.g. ' +
        'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:resilience (the role needs CREATEDB).',
    );
}
