#!/usr/bin/env node
// docs/resources.md: the reference of every API method, generated from the source. The
// namespaces and their methods are read from `PlugipayClient` through the TypeScript checker
// (each method's doc comment, its input type and that type's fields with their docs), and each
// method's HTTP route and result from its `route(...)` entry in the table registry.ts binds.
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

/** The `route(...)` entries of each namespace's table, by namespace and method: `namespaces` in registry.ts names the tables. */
function routeEntries(checker, registry) {
  const entries = new Map();
  const table = registry.statements
    .filter(ts.isVariableStatement)
    .flatMap((s) => s.declarationList.declarations)
    .find((d) => d.name.getText() === 'namespaces')?.initializer;
  for (const property of table && ts.isObjectLiteralExpression(table) ? table.properties : []) {
    if (!ts.isPropertyAssignment(property)) continue;
    let symbol = checker.getSymbolAtLocation(property.initializer);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const init = symbol?.valueDeclaration?.initializer;
    const routes = new Map();
    for (const p of init && ts.isObjectLiteralExpression(init) ? init.properties : []) routes.set(p.name?.getText(), describeRoute(p));
    entries.set(property.name.getText(), routes);
  }
  return entries;
}

const oneLine = (text) => text.replace(/\s+/g, ' ').trim();

/** The fields of a method's input type, each with its type and doc (a union's members in turn). */
function inputFields(checker, type) {
  const members = type.isUnion() ? type.types : [type];
  const fields = [];
  for (const member of members) {
    if (!(member.flags & ts.TypeFlags.Object) || member.getCallSignatures().length) continue;
    const declaredHere = (member.aliasSymbol ?? member.getSymbol())?.declarations?.some((d) =>
      d.getSourceFile().fileName.includes('/src/'),
    );
    if (!declaredHere) continue;
    for (const field of checker.getPropertiesOfType(member)) {
      if (fields.some((f) => f.name === field.name)) continue;
      const optional = (field.flags & ts.SymbolFlags.Optional) !== 0;
      // The type as the interface spells it (`Record<string, string> | null`), else as inferred.
      const written = field.valueDeclaration && ts.isPropertySignature(field.valueDeclaration) ? field.valueDeclaration.type : undefined;
      fields.push({
        name: field.name,
        optional,
        type: oneLine(
          written?.getText() ?? checker.typeToString(checker.getTypeOfSymbol(field), undefined, ts.TypeFormatFlags.NoTruncation),
        ),
        doc: oneLine(ts.displayPartsToString(field.getDocumentationComment(checker))),
      });
    }
  }
  return fields;
}

/** Every namespace of PlugipayClient with its methods, in declaration order. */
export function collectNamespaces() {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const program = ts.createProgram([join(ROOT, 'src/entries/index.ts')], parsed.options);
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(join(ROOT, 'src/entries/index.ts'));
  const routes = routeEntries(checker, program.getSourceFile(join(ROOT, 'src/resources/registry.ts')));
  const client = checker.getExportsOfModule(checker.getSymbolAtLocation(entry)).find((s) => s.name === 'PlugipayClient');
  const classType = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(client));
  const namespaces = [];
  for (const property of checker.getPropertiesOfType(classType)) {
    // A namespace is a property whose members are the routes of a table in registry.ts.
    const table = routes.get(property.name);
    if (!table) continue;
    const type = checker.getTypeOfSymbol(property);
    const methods = [];
    for (const member of checker.getPropertiesOfType(type)) {
      const signature = checker.getSignaturesOfType(checker.getTypeOfSymbol(member), ts.SignatureKind.Call)[0];
      const route = table.get(member.name);
      if (!signature || !route) continue;
      const params = parameterNames(checker, signature);
      const doc = oneLine(ts.displayPartsToString(member.getDocumentationComment(checker)));
      // The input: the parameter that is neither the path's placeholder nor the options.
      const input = signature.parameters.find((p) => !['id', 'code', 'accountId', 'options', 'args'].includes(p.name));
      const inputType = input && checker.getNonNullableType(checker.getTypeOfSymbol(input));
      methods.push({
        name: member.name,
        params,
        doc,
        ...route,
        input: inputType ? checker.typeToString(inputType, undefined, ts.TypeFormatFlags.NoTruncation) : route.input,
        fields: inputType ? inputFields(checker, inputType) : [],
        // Raw bytes (an upload) have no fields to list: every member of the input is a byte type.
        bytesInput: Boolean(
          inputType &&
          (inputType.isUnion() ? inputType.types : [inputType]).every((t) =>
            /^(Blob|File|FormData|ArrayBuffer|Uint8Array)\b/.test(checker.typeToString(t)),
          ),
        ),
      });
    }
    const namespaceDoc = oneLine(ts.displayPartsToString(property.getDocumentationComment(checker)));
    if (methods.length) namespaces.push({ name: property.name, doc: namespaceDoc, methods });
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
    "from `plugipay-edge` under the names below, and each method's input fields are listed after",
    "its namespace's table.",
    '',
  ];
  for (const ns of namespaces) {
    lines.push(`## \`client.${ns.name}\``, '');
    if (ns.doc) lines.push(ns.doc, '');
    lines.push('| method | HTTP | input | result | notes |', '|---|---|---|---|---|');
    for (const m of ns.methods) {
      const call = `\`${m.name}(${m.params.join(', ')})\``;
      const input = m.input ? `\`${cell(m.input)}\` (${m.inputKind})` : '—';
      lines.push(`| ${call} | \`${m.method} ${m.path}\` | ${input} | \`${cell(m.result)}\` | ${cell(m.doc) || '—'} |`);
    }
    lines.push('');
    for (const m of ns.methods.filter((m) => m.fields.length)) {
      lines.push(`### \`${ns.name}.${m.name}\`: \`${cell(m.input)}\``, '', '| field | type | |', '|---|---|---|');
      for (const f of m.fields) lines.push(`| \`${f.name}${f.optional ? '?' : ''}\` | \`${cell(f.type)}\` | ${cell(f.doc) || '—'} |`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderResourcesDoc();
  writeFileSync(RESOURCES_DOC, text);
  console.log(`wrote ${RESOURCES_DOC.slice(ROOT.length + 1)}: ${text.match(/^\| `/gm)?.length ?? 0} methods`);
}
