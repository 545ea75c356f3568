/**
 * Type-checks entry scripts as plain `ts-node` does (no `--swc`, no transpile-only): each entry in a program of
 * its own, made of the entry and what it imports under the project's tsconfig.json, so a type extension that only
 * another file brings in (e.g. `hre.ethers` from `@nomicfoundation/hardhat-ethers`) is missing as it would be at
 * run time. In process and with the parsed files shared between the programs: one ts-node process per script
 * cost ~11 s of CPU each, the same checks here a fraction of that.
 */
import path from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "./cli";

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(PROJECT_ROOT, "tsconfig.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error("tsconfig.json could not be read");
  return { ...parsed.options, noEmit: true };
}

function formatDiagnostic(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(PROJECT_ROOT, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${text}`;
}

/** One compiler host per process, its parsed files shared by every program (files do not change while tests run). */
let shared: { options: ts.CompilerOptions; host: ts.CompilerHost; previous?: ts.Program } | undefined;

function compiler(): { options: ts.CompilerOptions; host: ts.CompilerHost; previous?: ts.Program } {
  if (shared) return shared;
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!parsed.has(fileName)) parsed.set(fileName, read(fileName, languageVersion, onError, shouldCreate));
    return parsed.get(fileName);
  };
  shared = { options, host };
  return shared;
}

/** The diagnostics of each entry's own program (entry paths relative to the project root); empty when it checks. */
export function typeCheckEntries(entries: readonly string[]): Map<string, string[]> {
  const c = compiler();
  const { options, host } = c;
  const result = new Map<string, string[]>();
  for (const entry of entries) {
    const program = ts.createProgram({
      rootNames: [path.join(PROJECT_ROOT, entry)],
      options,
      host,
      oldProgram: c.previous,
    });
    result.set(entry, ts.getPreEmitDiagnostics(program).map(formatDiagnostic));
    c.previous = program;
  }
  return result;
}
