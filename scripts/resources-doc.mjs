#!/usr/bin/env node
// docs/resources.md: the reference of every API method, generated from the source. The
// namespaces are read from `PlugipayClient` through the TypeScript checker (whatever binds them),
// and each method's HTTP route, input, result and doc comment from its `route(...)` entry.
// `npm run docs` regenerates it before TypeDoc (which includes it in the API reference);
// test/docs/resources-doc.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESOURCES_DOC = join(ROOT, 'docs/resources.md');

/** What a `route(...)` entry says, from its call expression. */
function describeRoute(decl) {
  const call = decl && ts.isPropertyAssignment(decl) && ts.isCallExpression(decl.initializer) ? decl.initializer : undefined;
  if (!call || call.expression.getText() !== 'route') return undefined;
  const [method, path, spec] = call.arguments;
  const field = (name) =>
    spec && ts.isObjectLiteralExpression(spec)
      ? spec.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer
      : undefined;
  const returns = field('returns');
  let result = returns?.getText() ?? '';
  const typed = /^(json|page)<(.+)>\(\)$/s.exec(result);
  if (typed) result = typed[1] === 'page' ? `page of ${typed[2]}` : typed[2];
  else result = { 'text()': 'string', 'textBody()': 'string', 'binary()': 'ArrayBuffer', 'none()': 'nothing' }[result] ?? result;
  return {
    method: ts.isStringLiteral(method) ? method.text : method.getText(),
    path: ts.isStringLiteral(path) ? path.text : path.getText(),
    input: (field('body') ?? field('query'))?.getText(),
    inputKind: field('body') ? 'body' : field('query') ? 'query' : undefined,
    result,
  };
}

/** `id`, `input?`, `options?`: a method's parameters, with the labels of its rest tuple (`...args: [id: string, …]`). */
function parameterNames(checker, signature) {
  return signature.parameters.flatMap((p) => {
    const decl = p.valueDeclaration;
    const type = checker.getTypeOfSymbol(p);
    if (decl && ts.isParameter(decl) && decl.dotDotDotToken && checker.isTupleType(type)) {
      const tuple = type.target;
      return checker.getTypeArguments(type).map((_, i) => {
        const label = tuple.labeledElementDeclarations?.[i]?.name?.getText() ?? `arg${i}`;
        return `${label}${tuple.elementFlags[i] & ts.ElementFlags.Optional ? '?' : ''}`;
      });
    }
    return [`${p.name}${decl && ts.isParameter(decl) && decl.questionToken ? '?' : ''}`];
  });
}

/**
 * The route table of each namespace (`customers: customerRoutes` in registry.ts), as its object
 * literal: a declared namespace's methods are interface signatures, and their routes are here.
 */
function routeTables(program, checker) {
  const tables = new Map();
  const registry = program.getSourceFile(join(ROOT, 'src/resources/registry.ts'));
  for (const statement of registry?.statements ?? []) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (decl.name.getText() !== 'namespaces' || !decl.initializer || !ts.isObjectLiteralExpression(decl.initializer)) continue;
      for (const property of decl.initializer.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        let symbol = checker.getSymbolAtLocation(property.initializer);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const table = symbol?.valueDeclaration?.initializer;
        if (table && ts.isObjectLiteralExpression(table)) tables.set(property.name.getText(), table);
      }
    }
  }
  return tables;
}

/** The route of one method: its own `route(...)` entry, or (declared) its table's, named by the declared input type. */
function routeOf(member, table) {
  const declared = member.declarations?.[0];
  const own = describeRoute(declared);
  if (own) return own;
  const route = describeRoute(table?.properties.find((p) => p.name?.getText() === member.name));
  if (route?.input && declared && ts.isMethodSignature(declared)) {
    const param = declared.parameters.find((p) => ['input', 'params'].includes(p.name.getText()));
    if (param?.type) route.input = param.type.getText();
  }
  return route;
}

/** Every namespace of PlugipayClient with its methods, in declaration order. */
export function collectNamespaces() {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const program = ts.createProgram([join(ROOT, 'src/entries/index.ts')], parsed.options);
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(join(ROOT, 'src/entries/index.ts'));
  const client = checker.getExportsOfModule(checker.getSymbolAtLocation(entry)).find((s) => s.name === 'PlugipayClient');
  const classType = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(client));
  const tables = routeTables(program, checker);
  const namespaces = [];
  for (const property of checker.getPropertiesOfType(classType)) {
    // Namespaces may be class fields or come from a merged interface (getters on the prototype):
    // what counts is a property whose members are `route(...)` entries.
    const type = checker.getTypeOfSymbol(property);
    const methods = [];
    for (const member of checker.getPropertiesOfType(type)) {
      const signature = checker.getSignaturesOfType(checker.getTypeOfSymbol(member), ts.SignatureKind.Call)[0];
      const route = routeOf(member, tables.get(property.name));
      if (!signature || !route) continue;
      const params = parameterNames(checker, signature);
      const doc = ts.displayPartsToString(member.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
      methods.push({ name: member.name, params, doc, ...route });
    }
    if (methods.length) namespaces.push({ name: property.name, methods });
  }
  return namespaces;
}

const cell = (text) => text.replace(/\|/g, '\\|');

export function renderResourcesDoc(namespaces = collectNamespaces()) {
  const count = namespaces.reduce((n, ns) => n + ns.methods.length, 0);
  const lines = [
    '# API methods',
    '',
    '<!-- Generated by scripts/resources-doc.mjs from the source (npm run docs); do not edit by hand. -->',
    '',
    `Every method of \`PlugipayClient\`: ${count} methods in ${namespaces.length} namespaces. Each returns an`,
    '`APIPromise` (await it, or call `.withResponse()` for the request id too); a list returns a',
    '`PagePromise` (await it for the first page, or `for await` over every item). Every method takes',
    '`RequestOptions` last (`idempotencyKey`, `signal`, `timeoutMs`, `onBehalfOf`, `maxRetries`,',
    '`deadlineMs`). Inputs are validated before anything is sent; the input types are exported',
    'from `plugipay-edge` under the names below.',
    '',
  ];
  for (const ns of namespaces) {
    lines.push(`## \`client.${ns.name}\``, '', '| method | HTTP | input | result | notes |', '|---|---|---|---|---|');
    for (const m of ns.methods) {
      const call = `\`${m.name}(${m.params.join(', ')})\``;
      const input = m.input ? `\`${m.input}\` (${m.inputKind})` : '—';
      lines.push(`| ${call} | \`${m.method} ${m.path}\` | ${input} | \`${cell(m.result)}\` | ${cell(m.doc) || '—'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderResourcesDoc();
  writeFileSync(RESOURCES_DOC, text);
  console.log(`wrote ${RESOURCES_DOC.slice(ROOT.length + 1)}: ${text.match(/^\| `/gm)?.length ?? 0} methods`);
}
