/**
 * What a user's editor shows, from the package as installed: the TypeScript language service over
 * a consumer file that imports the packed `plugipay-edge`. For every method of every namespace of
 * `PlugipayClient`: hovering it shows a doc, its input parameter has a named type (the exported
 * `CustomerCreateInput`, not an anonymous object), and every field of that input has a doc (what
 * hovering `email` in `create({ email })` shows).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlugipayClient } from '../../src/entries/index';
// @ts-expect-error: a plain .mjs helper without types
import { packedConsumer } from '../runtimes/support/packed.mjs';

/** Parameters that are not a method's input: the path placeholder and the per-call options. */
const NOT_INPUT = new Set(['id', 'code', 'accountId', 'options']);

interface Method {
  namespace: string;
  name: string;
  problems: string[];
}

/** A language service over one consumer file, which `update` rewrites. */
function languageService(dir: string) {
  const file = join(dir, 'use.ts');
  let text = '';
  let version = 0;
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: (f) => (f === file ? String(version) : '0'),
    getScriptSnapshot: (f) => {
      const content = f === file ? text : ts.sys.readFile(f);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === file || ts.sys.fileExists(f),
    readFile: (f) => (f === file ? text : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    file,
    service,
    update(next: string) {
      text = next;
      version++;
    },
  };
}

const docOf = (symbol: ts.Symbol, checker: ts.TypeChecker) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();

/** Whether a type is declared by the package (not a lib type such as `FormData` or `Date`). */
const fromPackage = (type: ts.Type) =>
  (type.aliasSymbol ?? type.getSymbol())?.declarations?.some((d) =>
    /node_modules[\\/]plugipay-edge[\\/]/.test(d.getSourceFile().fileName),
  ) ?? false;

/** What is wrong with one method's input parameter, as the editor presents it. */
function inputProblems(checker: ts.TypeChecker, signature: ts.Signature, location: ts.Node): string[] {
  const problems: string[] = [];
  for (const parameter of signature.getParameters()) {
    const decl = parameter.valueDeclaration;
    if (decl && ts.isParameter(decl) && decl.dotDotDotToken) {
      problems.push(`parameters are an inferred tuple (\`...${parameter.name}\`), not named parameters`);
      continue;
    }
    if (NOT_INPUT.has(parameter.name)) continue;
    const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, location));
    const shown = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    // A named type, or a union of named ones (`FormData | UploadInput`), as hover prints it.
    if (!/^[A-Z]\w*(?: \| [A-Z]\w*)*$/.test(shown)) {
      problems.push(`\`${parameter.name}\` has no named type: ${shown.slice(0, 120)}`);
      continue;
    }
    const members = type.isUnion() ? type.types : [type];
    for (const member of members.filter(fromPackage))
      for (const field of checker.getPropertiesOfType(member))
        if (!docOf(field, checker)) problems.push(`\`${parameter.name}.${field.name}\` (${checker.typeToString(member)}) has no doc`);
  }
  return problems;
}

describe('the language service over the packed package', () => {
  let methods: Method[] = [];

  beforeAll(() => {
    const dir = join(packedConsumer(), 'language-service');
    mkdirSync(dir, { recursive: true });
    const ls = languageService(dir);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    // First the namespaces and their methods, read from the declarations…
    const header = "import type { Namespaces, PlugipayClient } from 'plugipay-edge';\ndeclare const client: PlugipayClient;\n";
    ls.update(`${header}declare const namespaces: Namespaces;\nnamespaces;\n`);
    let program = ls.service.getProgram()!;
    let checker = program.getTypeChecker();
    const clientNode = (source: ts.SourceFile) => {
      const statement = source.statements.at(-1) as ts.ExpressionStatement;
      return statement.expression;
    };
    const namespacesType = checker.getTypeAtLocation(clientNode(program.getSourceFile(ls.file)!));
    const names: [string, string][] = [];
    for (const namespace of checker.getPropertiesOfType(namespacesType))
      for (const member of checker.getPropertiesOfType(checker.getTypeOfSymbol(namespace))) names.push([namespace.name, member.name]);
    // … then one line per method, each hovered where a user's cursor would be.
    const lines = names.map(([ns, name]) => `client.${ns}.${name};`);
    const text = `${header}${lines.join('\n')}\n`;
    ls.update(text);
    program = ls.service.getProgram()!;
    checker = program.getTypeChecker();
    const source = program.getSourceFile(ls.file)!;
    const diagnostics = ls.service.getSemanticDiagnostics(ls.file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    if (diagnostics.length) throw new Error(`the consumer file does not compile:\n${diagnostics.join('\n')}`);
    let offset = header.length;
    methods = names.map(([namespace, name], i) => {
      const position = offset + `client.${namespace}.`.length;
      offset += lines[i]!.length + 1;
      const problems: string[] = [];
      const hover = ls.service.getQuickInfoAtPosition(ls.file, position);
      if (!ts.displayPartsToString(hover?.documentation ?? []).trim()) problems.push('no doc on hover');
      const node = (source.statements[i + 2] as ts.ExpressionStatement).expression;
      const signature = checker.getTypeAtLocation(node).getCallSignatures()[0]!;
      problems.push(...inputProblems(checker, signature, node));
      return { namespace, name, problems };
    });
  }, 300_000);

  it('sees every method a real client has', () => {
    const client = new PlugipayClient({ apiKey: 'k' }) as unknown as Record<string, Record<string, unknown>>;
    const actual = Object.keys(Object.getOwnPropertyDescriptors(PlugipayClient.prototype))
      .filter((name) => name !== 'constructor' && typeof client[name] === 'object' && client[name] !== null)
      .flatMap((ns) => Object.keys(client[ns]!).map((m) => `${ns}.${m}`));
    expect(methods.map((m) => `${m.namespace}.${m.name}`).sort()).toEqual(actual.sort());
    expect(methods.length).toBeGreaterThanOrEqual(112);
  });

  it('every method: a doc on hover, a named input type, a doc on each input field', () => {
    const failing = methods.filter((m) => m.problems.length > 0);
    expect(failing.map((m) => `${m.namespace}.${m.name}: ${m.problems.join('; ')}`)).toEqual([]);
  });
});
