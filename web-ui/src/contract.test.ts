/// <reference types="vite/client" />
// The UI's API shapes are the ones generated from the server's OpenAPI description (src/generated/api.d.ts).
// These checks fail when a hand-typed copy of one creeps back in.
import generated from './generated/api.d.ts?raw';

const sources = import.meta.glob<string>(
  ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./generated/**'],
  { query: '?raw', import: 'default', eager: true },
);

function schemaNames(): string[] {
  const section = generated.slice(generated.indexOf('\n    schemas: {'), generated.indexOf('\n    responses:'));
  return [...section.matchAll(/^ {8}(\w+): /gm)].map((m) => m[1]);
}

/** Interfaces, and type aliases to an object literal, declared in a source. */
function declaredShapes(source: string): string[] {
  return [...source.matchAll(/^\s*(?:export\s+)?(?:interface\s+(\w+)|type\s+(\w+)(?:<[^>]*>)?\s*=\s*\{)/gm)]
    .map((m) => m[1] ?? m[2]);
}

describe('the API shapes', () => {
  it('are read from the generated description, which lists the server’s answers', () => {
    const names = schemaNames();
    expect(names).toEqual(expect.arrayContaining(['ProviderView', 'DryRunPreview', 'RevertAnswer', 'ConfigDiff', 'FleetAt', 'AgentToken']));
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it('are not declared again by hand under a schema’s name', () => {
    const names = new Set(schemaNames());
    const copies = Object.entries(sources).flatMap(([file, source]) =>
      declaredShapes(source).filter((n) => names.has(n)).map((n) => `${file}: ${n}`));
    expect(copies).toEqual([]);
  });

  it('are never written inline as the answer type of a call', () => {
    const inline = Object.entries(sources).flatMap(([file, source]) =>
      [...source.matchAll(/\b(?:api\.(?:get|post|put|patch|delete)|request)<\s*[{[]/g)].map((m) => `${file}: ${m[0]}`));
    expect(inline).toEqual([]);
  });

  it('are only aliases of the generated ones in the API modules (besides the client’s own options)', () => {
    const own = new Set(['RequestOptions']);
    const shapes = ['./api.ts', './history/historyApi.ts'].flatMap((file) =>
      declaredShapes(sources[file]).filter((n) => !own.has(n)).map((n) => `${file}: ${n}`));
    expect(shapes).toEqual([]);
  });
});
