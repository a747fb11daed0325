// `npm run typecheck`: every TypeScript project of the repository, in this one process, through TypeScript's API.
// Why not one `tsc -p` per project: the server's project re-checked the packages it imports, each project parsed
// the same ~420k lines of declarations from node_modules, and `eslint` then built the same programs again for its
// type-aware rules. Here:
// - projects whose compiler options are identical (all but core's domain sources, the web app and its e2e tests)
//   are checked as one program, so each file is checked once; a project's own tsconfig still works alone (editor,
//   `tsc -p`), and every file is still checked with its project's options;
// - declaration files are parsed once for all programs (as `tsc -b` does);
// - with `--lint`, ESLint runs after the check on these same programs (parserOptions.programs), so its type-aware
//   rules read the types the check computed instead of computing them again.
// Each program is incremental (its .tsbuildinfo under node_modules/.cache/rostra-tsc): a second `npm run typecheck`
// re-checks only what changed. Errors are printed per program; the exit code is non-zero when any check fails.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const PROJECTS = [
  'apps/server',
  'packages/connectors',
  'packages/store',
  'packages/core/tsconfig.test.json',
  'bench',
  'scripts',
  'apps/web/tsconfig.node.json',
  'apps/web',
  'apps/web/e2e',
  'packages/core',
];
const CACHE = 'node_modules/.cache/rostra-tsc';

interface Group {
  projects: string[];
  options: ts.CompilerOptions;
  rootNames: string[];
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};
// `file(line,col): error TS…` like tsc when the output goes to a file or a pipe (npm run check, .ci/run).
const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
const print = (diagnostics: readonly ts.Diagnostic[]) => process.stdout.write(format(diagnostics, formatHost));

/** Reads every project's tsconfig and puts projects whose compiler options are equal into one group. */
function groupProjects(): Group[] | undefined {
  const groups = new Map<string, Group>();
  for (const project of PROJECTS) {
    const file = project.endsWith('.json') ? project : path.join(project, 'tsconfig.json');
    const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d: ts.Diagnostic) => print([d]) };
    const parsed = ts.getParsedCommandLineOfConfigFile(file, undefined, host);
    if (!parsed) return undefined;
    if (parsed.errors.length > 0) {
      print(parsed.errors);
      return undefined;
    }
    const { configFilePath: _, ...options } = parsed.options;
    const key = JSON.stringify(options);
    const group = groups.get(key) ?? { projects: [], options, rootNames: [] };
    group.projects.push(project);
    group.rootNames.push(...parsed.fileNames.filter((name) => !group.rootNames.includes(name)));
    groups.set(key, group);
  }
  return [...groups.values()];
}

// Declaration and JSON files parsed once for every program (their parse does not depend on compiler options that
// differ here), keyed like `tsc -b`'s cache: by path and module format.
const declarations = new Map<string, ts.SourceFile>();

function createHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createIncrementalCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const shared = fileName.endsWith('.d.ts') || fileName.endsWith('.json');
    const format = typeof languageVersion === 'object' ? languageVersion.impliedNodeFormat : undefined;
    const key = `${format}:${fileName}`;
    const cached = shared && !shouldCreate ? declarations.get(key) : undefined;
    if (cached) return cached;
    const sourceFile = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (sourceFile && shared) declarations.set(key, sourceFile);
    return sourceFile;
  };
  return host;
}

/** Checks one group; returns its program (for ESLint) and whether it had no errors. */
function check(group: Group): { program: ts.Program; ok: boolean } {
  const started = performance.now();
  const name = group.projects.join(' + ');
  const tsBuildInfoFile = `${CACHE}/${group.projects[0]!.replaceAll('/', '-')}.tsbuildinfo`;
  const options = { ...group.options, incremental: true, tsBuildInfoFile };
  const builder = ts.createIncrementalProgram({ rootNames: group.rootNames, options, host: createHost(options) });
  const diagnostics = [
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  builder.emit(); // noEmit: writes only the .tsbuildinfo
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`tsc ${name}: ${errors === 0 ? 'ok' : `${errors} error(s)`} (${seconds} s)\n`);
  if (diagnostics.length > 0) print(diagnostics);
  return { program: builder.getProgram(), ok: errors === 0 };
}

/** `eslint .` with the type-aware rules reading the checked programs; the first program holding a file lints it. */
async function lint(programs: ts.Program[]): Promise<boolean> {
  const started = performance.now();
  const config = (await import(pathToFileURL('eslint.config.js').href)) as { TYPED_FILES: string[] };
  const eslint = new ESLint({
    overrideConfig: { files: config.TYPED_FILES, languageOptions: { parserOptions: { programs, project: null } } },
  });
  const results = await eslint.lintFiles(['.']);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `eslint: ${results.length} files, ${errors === 0 ? 'ok' : `${errors} error(s)`} (${seconds} s)\n`,
  );
  process.stdout.write(await (await eslint.loadFormatter('stylish')).format(results));
  return errors === 0;
}

mkdirSync(CACHE, { recursive: true });
const groups = groupProjects();
if (!groups) process.exit(1);
const checked = groups.map(check);
let ok = checked.every((c) => c.ok);
if (process.argv.includes('--lint')) ok = (await lint(checked.map((c) => c.program))) && ok;
process.exit(ok ? 0 : 1);
